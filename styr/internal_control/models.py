"""Internal control (internkontroll): the risk matrix, the plan's risks and their follow-up."""

from typing import TYPE_CHECKING

from django.db import models
from django.utils.translation import gettext_lazy as _

from styr.core.language import in_reader_language
from styr.core.models import ReportedItem
from styr.organisation.models import Municipality

if TYPE_CHECKING:
    from styr.plans.models import Plan


class RiskMatrixQuerySet(models.QuerySet["RiskMatrix"]):
    def for_municipality(self, municipality: Municipality | int | None) -> "RiskMatrixQuerySet":
        """The matrices a municipality can use: its own and the shipped ones."""
        return self.filter(
            models.Q(municipality=municipality) | models.Q(municipality__isnull=True)
        )


class RiskMatrix(models.Model):
    """A risk matrix: the probability and consequence levels a risk analysis rates risks on.

    Reference data: Styr ships defaults as versioned YAML in
    `styr/internal_control/reference/`; a municipality can copy one and change its words,
    colours and threshold on the web, for its own plans only.
    """

    key = models.SlugField(_("nyckel"), max_length=64)
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("kommun"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="risk_matrices",
        help_text="Empty for the matrices Styr ships; else the municipality's own copy.",
    )
    version = models.PositiveIntegerField(_("version"), default=1)
    name = models.CharField(_("namn"), max_length=200)
    plan_threshold = models.PositiveIntegerField(
        _("riktmärke för planen"),
        help_text="Risks scoring at least this are, as a rule, taken into the control plan.",
    )

    objects = RiskMatrixQuerySet.as_manager()

    class Meta:
        verbose_name = _("riskmatris")
        verbose_name_plural = _("riskmatriser")
        ordering = ["key", "version"]
        constraints = [
            models.UniqueConstraint(
                fields=["key", "version"],
                condition=models.Q(municipality__isnull=True),
                name="risk_matrix_key_version",
            ),
            models.UniqueConstraint(
                fields=["municipality", "key", "version"],
                condition=models.Q(municipality__isnull=False),
                name="risk_matrix_municipality_key_version",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} (v{self.version})"


class Axis(models.TextChoices):
    PROBABILITY = "probability", _("Sannolikhet")
    CONSEQUENCE = "consequence", _("Väsentlighet/konsekvens")


class RiskLevel(models.Model):
    """One level on an axis of a matrix, e.g. probability 4 "Sannolik"."""

    matrix = models.ForeignKey(RiskMatrix, on_delete=models.CASCADE, related_name="levels")
    axis = models.CharField(_("axel"), max_length=16, choices=Axis.choices)
    value = models.PositiveSmallIntegerField(_("värde"))
    label = models.CharField(_("benämning"), max_length=100)
    # The level's word for readers who have chosen English; empty: the Swedish one is shown.
    label_en = models.CharField(_("benämning (engelska)"), max_length=100, blank=True)
    description = models.TextField(_("beskrivning"), blank=True)
    colour = models.CharField(_("färg"), max_length=7, blank=True)

    class Meta:
        verbose_name = _("nivå")
        verbose_name_plural = _("nivåer")
        # By the parent's id: ordering by the parent itself would join its table into every
        # query of these, prefetches among them (as it joined a plan's body and municipality).
        ordering = ["matrix_id", "axis", "value"]
        constraints = [
            models.UniqueConstraint(fields=["matrix", "axis", "value"], name="risk_level_unique")
        ]

    def __str__(self) -> str:
        return f"{self.value} {self.label}"

    @property
    def shown(self) -> str:
        """The label in the reader's language (the documents use `label`)."""
        return in_reader_language(self.label, self.label_en)


class RiskCategory(models.Model):
    """A heading the control plan groups risks under, e.g. Ekonomi or IT."""

    plan = models.ForeignKey("plans.Plan", on_delete=models.CASCADE, related_name="risk_categories")
    name = models.CharField(_("kategori"), max_length=200)
    position = models.PositiveIntegerField(_("ordning"), default=0)

    class Meta:
        verbose_name = _("riskkategori")
        verbose_name_plural = _("riskkategorier")
        # By the parent's id: ordering by the parent itself joins its own ordering's tables
        # (a plan's body and municipality) into every query, prefetches among them.
        ordering = ["plan_id", "position"]
        constraints = [models.UniqueConstraint(fields=["plan", "name"], name="risk_category_name")]

    def __str__(self) -> str:
        return self.name


class RiskQuerySet(models.QuerySet["Risk"]):
    def for_plan(self, plan: "Plan") -> "RiskQuerySet":
        return self.filter(category__plan=plan)


class Risk(ReportedItem):
    """A risk in the internal-control plan, rated and with the activity that controls it."""

    category = models.ForeignKey(RiskCategory, on_delete=models.CASCADE, related_name="risks")
    key = models.SlugField(_("nyckel"), max_length=64)
    main_process = models.CharField(
        _("huvudprocess"), max_length=200, blank=True, help_text="E.g. Inköp, Bisyssla."
    )
    description = models.TextField(_("risk"))
    probability = models.PositiveSmallIntegerField(
        _("sannolikhet"), help_text="The value of a probability level of the plan's matrix."
    )
    consequence = models.PositiveSmallIntegerField(
        _("väsentlighet"), help_text="The value of a consequence level of the plan's matrix."
    )
    stated_score = models.PositiveSmallIntegerField(
        _("angivet riskvärde"),
        null=True,
        blank=True,
        help_text="The risk score as the plan states it; the true score is derived.",
    )
    control_activity = models.TextField(_("kontrollmoment"), blank=True)
    follow_up_method = models.TextField(_("uppföljning"), blank=True)
    municipality_wide = models.BooleanField(
        _("kommungemensam uppföljning"),
        default=False,
        help_text="Followed up the same way in every body.",
    )
    position = models.PositiveIntegerField(_("ordning"), default=0)

    objects = RiskQuerySet.as_manager()

    class Meta:
        verbose_name = _("risk")
        verbose_name_plural = _("risker")
        ordering = ["category", "position"]
        constraints = [models.UniqueConstraint(fields=["category", "key"], name="risk_key")]

    def __str__(self) -> str:
        return self.description[:80]

    @property
    def score(self) -> int:
        """The risk score (riskvärde): probability × consequence."""
        return self.probability * self.consequence


class RiskFollowUp(models.Model):
    """The result of a risk's control at a report occasion."""

    risk = models.ForeignKey(Risk, on_delete=models.CASCADE, related_name="follow_ups")
    occasion = models.ForeignKey(
        "plans.ReportOccasion", on_delete=models.CASCADE, related_name="risk_follow_ups"
    )
    result = models.TextField(_("resultat"), blank=True)

    class Meta:
        verbose_name = _("uppföljning av kontroll")
        verbose_name_plural = _("uppföljningar av kontroller")
        constraints = [models.UniqueConstraint(fields=["risk", "occasion"], name="risk_fu_unique")]

    def __str__(self) -> str:
        return f"{self.risk} – {self.occasion}"
