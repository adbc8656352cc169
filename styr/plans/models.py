"""A body's plan for a year (nämndplan), its report occasions, chapter texts and plan items."""

import datetime
from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from styr.core.models import ChapterTextBase
from styr.organisation.models import Body


class PlanState(models.TextChoices):
    DRAFT = "draft", _("Utkast")
    SUBMITTED = "submitted", _("Inlämnad")
    ADOPTED = "adopted", _("Fastställd")
    LOCKED = "locked", _("Låst")


class PlanQuerySet(models.QuerySet["Plan"]):
    def for_body(self, body: Body) -> "PlanQuerySet":
        return self.filter(body=body)

    def for_year(self, year: int) -> "PlanQuerySet":
        return self.filter(year=year)


class Plan(models.Model):
    """A body's plan for one year (for a committee: its nämndplan).

    The same plan is followed up at its report occasions, so outcomes, statuses and comments
    entered at the interim and annual report belong to the objects of this plan.
    """

    body = models.ForeignKey(
        Body, verbose_name=_("organ"), on_delete=models.CASCADE, related_name="plans"
    )
    year = models.PositiveIntegerField(_("år"))
    title = models.CharField(_("rubrik"), max_length=200, help_text="E.g. Nämndplan 2024.")
    state = models.CharField(
        _("status"), max_length=16, choices=PlanState.choices, default=PlanState.DRAFT
    )
    adopted_on = models.DateField(
        _("fastställd"), null=True, blank=True, help_text="Date the body adopted the plan."
    )
    adopted_minute = models.CharField(
        _("protokollsparagraf"),
        max_length=50,
        blank=True,
        help_text="Minute paragraph, e.g. § 123.",
    )
    risk_matrix = models.ForeignKey(
        "internal_control.RiskMatrix",
        verbose_name=_("riskmatris"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        help_text="The matrix the plan's risk analysis uses.",
    )

    objects = PlanQuerySet.as_manager()

    class Meta:
        verbose_name = _("plan")
        verbose_name_plural = _("planer")
        ordering = ["body", "-year"]
        constraints = [models.UniqueConstraint(fields=["body", "year"], name="plan_body_year")]

    def __str__(self) -> str:
        return f"{self.body.code} {self.title}"

    @property
    def is_frozen(self) -> bool:
        """An adopted or locked plan is a decision on record: it is read, never changed."""
        return self.state in (PlanState.ADOPTED, PlanState.LOCKED)


class OccasionKind(models.TextChoices):
    PLAN = "plan", _("Plan")
    INTERIM = "interim", _("Delårsrapport")
    ANNUAL = "annual", _("Årsrapport")


class ReportOccasion(models.Model):
    """A point at which a plan is reported on (rapporttillfälle): the plan itself, an interim
    report at a date, or the annual report."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="occasions")
    key = models.SlugField(_("nyckel"), max_length=64)
    kind = models.CharField(_("typ"), max_length=16, choices=OccasionKind.choices)
    name = models.CharField(_("namn"), max_length=200, help_text="E.g. Delårsrapport 2024.")
    date = models.DateField(_("per datum"), null=True, blank=True)
    deadline = models.DateField(
        _("sista dag att rapportera"),
        null=True,
        blank=True,
        help_text="The last day reporters have to report; reporters are reminded by e-mail "
        "some days before (REMINDER_DAYS_BEFORE). Empty: no reminders.",
    )
    position = models.PositiveIntegerField(_("ordning"), default=0)
    state = models.CharField(
        _("status"),
        max_length=16,
        choices=PlanState.choices,
        default=PlanState.DRAFT,
        help_text="Where a report (delårsrapport, årsrapport) stands on its way to a decision. "
        "The plan occasion's state is the plan's own.",
    )
    adopted_on = models.DateField(
        _("fastställd"), null=True, blank=True, help_text="Date the body adopted the report."
    )
    adopted_minute = models.CharField(
        _("protokollsparagraf"), max_length=50, blank=True, help_text="Minute paragraph, e.g. § 88."
    )

    class Meta:
        verbose_name = _("rapporttillfälle")
        verbose_name_plural = _("rapporttillfällen")
        # By the parent's id: ordering by the parent itself joins its own ordering's tables
        # (a plan's body and municipality) into every query, prefetches among them.
        ordering = ["plan_id", "position"]
        constraints = [models.UniqueConstraint(fields=["plan", "key"], name="occasion_key")]

    def __str__(self) -> str:
        return self.name

    @property
    def is_plan(self) -> bool:
        return self.kind == OccasionKind.PLAN

    @property
    def workflow_state(self) -> str:
        """The report's state; a locked plan locks its reports, and the plan occasion is the
        plan itself."""
        if self.is_plan or self.plan.state == PlanState.LOCKED:
            return self.plan.state
        return self.state

    @property
    def workflow_state_label(self) -> str:
        return str(PlanState(self.workflow_state).label)

    @property
    def decision(self) -> tuple[datetime.date | None, str]:
        """The date and minute paragraph of the decision on this occasion's document."""
        if self.is_plan:
            return self.plan.adopted_on, self.plan.adopted_minute
        return self.adopted_on, self.adopted_minute

    @property
    def is_decided(self) -> bool:
        """The report is adopted (or its plan locked): its follow-up is part of a decision."""
        return self.workflow_state in (PlanState.ADOPTED, PlanState.LOCKED)


class PlanTextQuerySet(models.QuerySet["PlanText"]):
    def of_plan(self) -> "PlanTextQuerySet":
        """The plan's own chapter texts, decided with the plan."""
        return self.filter(occasion__isnull=True)

    def for_occasion(self, occasion: "ReportOccasion") -> "PlanTextQuerySet":
        """The texts written for one report (delårsrapport, årsrapport)."""
        return self.filter(occasion=occasion)


class PlanText(ChapterTextBase):
    """A free chapter text of a body's plan, e.g. Medborgarnas/brukarnas delaktighet.

    A text with an occasion was written for that report: the delårsrapport's "Nämndens mål"
    says what happened by August, the årsrapport's what the year came to. A report prints its
    own text of a key where it has one, else the plan's; writing one report's texts never
    touches another's."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="texts")
    occasion = models.ForeignKey(
        ReportOccasion,
        verbose_name=_("rapporttillfälle"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="texts",
        help_text="Empty for the plan's own text; else the report the text was written for.",
    )

    objects = PlanTextQuerySet.as_manager()

    class Meta(ChapterTextBase.Meta):
        verbose_name = _("plantext")
        verbose_name_plural = _("plantexter")
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "key"],
                condition=models.Q(occasion__isnull=True),
                name="plan_text_key",
            ),
            models.UniqueConstraint(
                fields=["occasion", "key"],
                condition=models.Q(occasion__isnull=False),
                name="plan_text_occasion_key",
            ),
        ]


class PlanItemBase(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE)
    key = models.SlugField(_("nyckel"), max_length=64)
    position = models.PositiveIntegerField(_("ordning"), default=0)

    class Meta:
        abstract = True
        # By the parent's id: ordering by the parent itself joins its own ordering's tables
        # (a plan's body and municipality) into every query, prefetches among them.
        ordering = ["plan_id", "position"]


class DigitalisationKind(models.TextChoices):
    OPERATING = "operating", _("Drift")
    INVESTMENT = "investment", _("Investering")


class DigitalisationItem(PlanItemBase):
    """A digital initiative of the body's digitalisation plan (digitaliseringsplan)."""

    kind = models.CharField(_("typ"), max_length=16, choices=DigitalisationKind.choices)
    name = models.CharField(_("initiativ"), max_length=300)
    budget_need = models.DecimalField(
        _("budgetbehov (kr)"), max_digits=16, decimal_places=2, null=True, blank=True
    )
    period_start = models.PositiveIntegerField(_("från år"), null=True, blank=True)
    period_end = models.PositiveIntegerField(_("till år"), null=True, blank=True)
    period_note = models.CharField(
        _("period (text)"), max_length=300, blank=True, help_text="Period given in words."
    )
    expected_effect = models.TextField(_("förväntad måluppfyllelse"), blank=True)

    class Meta(PlanItemBase.Meta):
        verbose_name = _("digitaliseringsinitiativ")
        verbose_name_plural = _("digitaliseringsplan")
        default_related_name = "digitalisation_items"
        constraints = [models.UniqueConstraint(fields=["plan", "key"], name="digitalisation_key")]

    def __str__(self) -> str:
        return self.name


class DigitalisationTotal(models.Model):
    """The sum of a digitalisation table as the plan states it, kept so it can be checked."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="digitalisation_totals")
    kind = models.CharField(_("typ"), max_length=16, choices=DigitalisationKind.choices)
    amount = models.DecimalField(_("angiven summa (kr)"), max_digits=18, decimal_places=2)
    as_printed = models.CharField(
        _("som tryckt"), max_length=50, blank=True, help_text="The sum exactly as printed, if odd."
    )

    class Meta:
        verbose_name = _("angiven summa")
        verbose_name_plural = _("angivna summor")
        constraints = [
            models.UniqueConstraint(fields=["plan", "kind"], name="digitalisation_total_kind")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.amount}"


class PremisesNeed(PlanItemBase):
    """A need for premises in coming years (lokalbehovsplan)."""

    description = models.TextField(_("behovsbeskrivning"))
    when = models.CharField(_("när"), max_length=100, blank=True)
    category = models.CharField(_("kategori"), max_length=200, blank=True)
    priority = models.CharField(_("nämndens prioritering"), max_length=100, blank=True)
    motivation = models.TextField(_("motivering"), blank=True)

    class Meta(PlanItemBase.Meta):
        verbose_name = _("lokalbehov")
        verbose_name_plural = pgettext_lazy("plural", "lokalbehov")
        default_related_name = "premises_needs"
        constraints = [models.UniqueConstraint(fields=["plan", "key"], name="premises_need_key")]

    def __str__(self) -> str:
        return self.description[:80]


class CompetenceNeed(PlanItemBase):
    """A critical competence need and the actions to meet it (kompetensförsörjningsplan)."""

    need = models.TextField(_("behov"))
    actions = models.TextField(_("åtgärder"), blank=True)

    class Meta(PlanItemBase.Meta):
        verbose_name = _("kompetensbehov")
        verbose_name_plural = pgettext_lazy("plural", "kompetensbehov")
        default_related_name = "competence_needs"
        constraints = [models.UniqueConstraint(fields=["plan", "key"], name="competence_need_key")]

    def __str__(self) -> str:
        return self.need[:80]


def sum_amounts(amounts: "list[Decimal | None]") -> Decimal:
    return sum((a for a in amounts if a is not None), Decimal(0))


class TextImage(models.Model):
    """An image a chapter text shows (`![alt](bild:KEY)`): a diagram, a map, a photo.

    Stored with the plan, with the alternative text screen readers read and PDF/UA requires.
    An image is never changed: a new picture is a new image, so a decided document that shows
    one keeps showing the same."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="images")
    key = models.SlugField(_("nyckel"), max_length=64)
    alt = models.CharField(
        _("alternativtext"),
        max_length=300,
        help_text="What the image shows, for those who cannot see it.",
    )
    content_type = models.CharField(_("filtyp"), max_length=20)
    content = models.BinaryField(_("bild"))
    width = models.PositiveIntegerField(_("bredd (px)"))
    height = models.PositiveIntegerField(_("höjd (px)"))
    uploaded_at = models.DateTimeField(_("uppladdad"), auto_now_add=True)

    class Meta:
        verbose_name = _("bild")
        verbose_name_plural = _("bilder")
        # By the parent's id: ordering by the parent itself joins its own ordering's tables
        # (a plan's body and municipality) into every query, prefetches among them.
        ordering = ["plan_id", "key"]
        constraints = [models.UniqueConstraint(fields=["plan", "key"], name="text_image_key")]

    def __str__(self) -> str:
        return f"{self.key}: {self.alt}"
