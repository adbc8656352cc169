"""The municipality and its organisation: political bodies, administrations and units."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Municipality(models.Model):
    """A Swedish municipality (kommun) that runs Styr."""

    key = models.SlugField(
        _("nyckel"),
        max_length=64,
        unique=True,
        help_text="Short name used in plan files, e.g. marks.",
    )
    name = models.CharField(
        _("namn"), max_length=200, help_text="Official name, e.g. Marks kommun."
    )
    kolada_id = models.CharField(
        _("Kolada-id"),
        max_length=4,
        blank=True,
        help_text="The municipality's area id in Kolada (SCB's municipality code), e.g. 1463.",
    )
    target_tolerance = models.DecimalField(
        _("tolerans mot mål (%)"),
        max_digits=5,
        decimal_places=2,
        default=5,
        help_text="How close to its target (in percent of the target) an indicator counts as "
        "nearly met (yellow) rather than not met (red).",
    )
    goal_rule = models.CharField(
        _("regel för målstatus"),
        max_length=16,
        choices=[
            ("worst", _("Sämsta indikatorn avgör")),
            ("majority", _("Flertalet indikatorer avgör")),
        ],
        default="worst",
        help_text="How a goal's status follows from its indicators' statuses.",
    )

    class Meta:
        verbose_name = _("kommun")
        verbose_name_plural = _("kommuner")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class BodyKind(models.TextChoices):
    COUNCIL = "council", _("Kommunfullmäktige")
    EXECUTIVE_BOARD = "executive_board", _("Kommunstyrelse")
    WORKING_COMMITTEE = "working_committee", _("Arbetsutskott")
    COMMITTEE = "committee", _("Nämnd")
    COMPANY = "company", _("Kommunalt bolag")
    ELECTION_COMMITTEE = "election_committee", _("Valnämnd")


class BodyQuerySet(models.QuerySet["Body"]):
    def for_municipality(self, municipality: Municipality) -> "BodyQuerySet":
        return self.filter(municipality=municipality)


class Body(models.Model):
    """A political body (organ): the council, the executive board, a committee, a company.

    Bodies own plans, are given assignments and are granted roles to users.
    """

    municipality = models.ForeignKey(
        Municipality, verbose_name=_("kommun"), on_delete=models.CASCADE, related_name="bodies"
    )
    code = models.CharField(
        _("förkortning"), max_length=20, help_text="Short code used in minutes and files, e.g. KS."
    )
    name = models.CharField(_("namn"), max_length=200, help_text="Full name, e.g. Kommunstyrelsen.")
    kind = models.CharField(_("typ"), max_length=32, choices=BodyKind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("överordnat organ"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        help_text="The body this one answers to (KS answers to KF, KSAU to KS).",
    )
    position = models.PositiveIntegerField(_("ordning"), default=0)

    objects = BodyQuerySet.as_manager()

    class Meta:
        verbose_name = _("organ")
        verbose_name_plural = pgettext_lazy("plural", "organ")
        ordering = ["municipality", "position", "name"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "code"], name="body_code_unique"),
        ]

    def __str__(self) -> str:
        return self.name


class Administration(models.Model):
    """A civil-service organisation (förvaltning) working for a body."""

    body = models.ForeignKey(
        Body, verbose_name=_("organ"), on_delete=models.CASCADE, related_name="administrations"
    )
    name = models.CharField(_("namn"), max_length=200)
    position = models.PositiveIntegerField(_("ordning"), default=0)

    class Meta:
        verbose_name = _("förvaltning")
        verbose_name_plural = _("förvaltningar")
        ordering = ["body", "position", "name"]
        constraints = [
            models.UniqueConstraint(fields=["body", "name"], name="administration_name_unique"),
        ]

    def __str__(self) -> str:
        return self.name


class Unit(models.Model):
    """A unit (enhet) within an administration; activities name one as responsible."""

    administration = models.ForeignKey(
        Administration,
        verbose_name=_("förvaltning"),
        on_delete=models.CASCADE,
        related_name="units",
    )
    name = models.CharField(_("namn"), max_length=200)
    position = models.PositiveIntegerField(_("ordning"), default=0)

    class Meta:
        verbose_name = _("enhet")
        verbose_name_plural = _("enheter")
        ordering = ["administration", "position", "name"]
        constraints = [
            models.UniqueConstraint(fields=["administration", "name"], name="unit_name_unique"),
        ]

    def __str__(self) -> str:
        return self.name


class WordBase(models.Model):
    """The municipality's own .docx (styles, letterhead) its Word documents are written on.

    Kept apart from the municipality so that pages, which read the municipality often, never
    load the file."""

    municipality = models.OneToOneField(
        Municipality, verbose_name=_("kommun"), on_delete=models.CASCADE, related_name="word_base"
    )
    name = models.CharField(_("filnamn"), max_length=200)
    content = models.BinaryField(_("innehåll"))
    uploaded_at = models.DateTimeField(_("uppladdad"), auto_now=True)

    class Meta:
        verbose_name = _("Word-mall")
        verbose_name_plural = _("Word-mallar")

    def __str__(self) -> str:
        return f"{self.municipality}: {self.name}"
