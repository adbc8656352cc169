"""E-förslag: residents' proposals that others sign; enough signatures take one to a
committee, whose decision may make it an assignment. Residents are known by e-mail only."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Resident(models.Model):
    """A resident who signed up with an e-mail address. Erasure blanks the address and the
    name and keeps the row, so their proposals stay (anonymised) and signatures counted."""

    email = models.EmailField(_("e-postadress"), unique=True, null=True, blank=True)
    name = models.CharField(_("namn"), max_length=100, blank=True)
    verified_at = models.DateTimeField(_("verifierad"), null=True, blank=True)
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)
    active_at = models.DateTimeField(_("senast aktiv"), auto_now_add=True)
    erased_at = models.DateTimeField(_("raderad"), null=True, blank=True)

    class Meta:
        verbose_name = _("invånare")
        verbose_name_plural = _("invånare")
        ordering = ["pk"]

    def __str__(self) -> str:
        # Never the address: this is what audit entries and logs show.
        return f"Invånare {self.pk}"


class State(models.TextChoices):
    SUBMITTED = "submitted", _("Inskickat")
    PUBLISHED = "published", _("Publicerat")
    REJECTED = "rejected", _("Avvisat")
    MERGED = "merged", _("Sammanslaget")
    COMMITTEE = "committee", _("Hos nämnden")
    DECIDED = "decided", _("Besvarat av nämnden")


class Decision(models.TextChoices):
    GRANTED = "granted", _("Bifall")
    REJECTED = "rejected", _("Avslag")
    ANSWERED = "answered", _("Besvarad")


class Proposal(models.Model):
    """A resident's proposal to the municipality (e-förslag), on its way from submission to a
    committee's answer.

    `state` is where it stands: submitted (waiting for moderation), published (others may sign
    it until `signing_ends_on`), rejected (with the `reason` the resident is told), merged
    (into `merged_into`, a duplicate), at the committee (`body`), decided. The decision is
    the committee's: bifall, avslag or besvarad, with its date, minute paragraph (§) and
    `answer`; a granted proposal's `assignment` is the one it became in the body's plan.
    `show_name`: whether the resident chose to have their name shown with it."""

    municipality = models.ForeignKey(
        "organisation.Municipality", on_delete=models.CASCADE, related_name="proposals"
    )
    resident = models.ForeignKey(
        Resident, on_delete=models.PROTECT, related_name="proposals", verbose_name=_("invånare")
    )
    title = models.CharField(_("rubrik"), max_length=200)
    text = models.TextField(_("förslag"))
    area = models.ForeignKey(
        "steering.StrategicArea",
        verbose_name=_("område"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="None: another area (annat).",
    )
    show_name = models.BooleanField(_("visa mitt namn"), default=False)
    state = models.CharField(
        _("läge"), max_length=20, choices=State.choices, default=State.SUBMITTED
    )
    reason = models.TextField(_("skäl för avvisning"), blank=True)
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="merged"
    )
    created_at = models.DateTimeField(_("inskickat"), auto_now_add=True)
    published_at = models.DateTimeField(_("publicerat"), null=True, blank=True)
    signing_ends_on = models.DateField(_("underskrifter till och med"), null=True, blank=True)
    body = models.ForeignKey(
        "organisation.Body",
        verbose_name=_("nämnd"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="proposals",
    )
    decision = models.CharField(_("beslut"), max_length=20, choices=Decision.choices, blank=True)
    decided_on = models.DateField(_("beslutsdatum"), null=True, blank=True)
    minute = models.CharField(_("paragraf"), max_length=40, blank=True)
    answer = models.TextField(_("nämndens svar"), blank=True)
    assignment = models.ForeignKey(
        "assignments.Assignment",
        verbose_name=_("uppdrag"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="proposals",
    )

    class Meta:
        verbose_name = _("e-förslag")
        verbose_name_plural = _("e-förslag")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.title


class ProposalImage(models.Model):
    """A picture with the proposal, PNG or JPEG, kept in the database with its alt text."""

    proposal = models.OneToOneField(Proposal, on_delete=models.CASCADE, related_name="image")
    alt = models.CharField(_("alternativtext"), max_length=300)
    content_type = models.CharField(_("filtyp"), max_length=20)
    content = models.BinaryField(_("bild"))
    width = models.PositiveIntegerField(_("bredd (px)"))
    height = models.PositiveIntegerField(_("höjd (px)"))

    class Meta:
        verbose_name = _("bild till e-förslag")
        verbose_name_plural = _("bilder till e-förslag")

    def __str__(self) -> str:
        return self.alt


class Signature(models.Model):
    """A resident's signature on a published proposal: one each, counted towards the
    threshold that takes it to a committee."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="signatures")
    resident = models.ForeignKey(Resident, on_delete=models.PROTECT, related_name="signatures")
    signed_at = models.DateTimeField(_("undertecknat"), auto_now_add=True)

    class Meta:
        verbose_name = _("underskrift")
        verbose_name_plural = _("underskrifter")
        constraints = [
            models.UniqueConstraint(fields=["proposal", "resident"], name="one_signature_each")
        ]

    def __str__(self) -> str:
        return f"{self.resident} – {self.proposal}"
