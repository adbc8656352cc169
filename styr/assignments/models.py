"""Assignments (uppdrag) given to a body, and their follow-up at each report occasion."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from styr.core.models import ReportedItem
from styr.organisation.models import Body


class Origin(models.TextChoices):
    COUNCIL = "council", _("Kommunfullmäktige")
    EXECUTIVE_BOARD = "executive_board", _("Kommunstyrelsen")
    WORKING_COMMITTEE = "working_committee", _("Kommunstyrelsens arbetsutskott")
    BUDGET = "budget", _("Budget")
    OWN = "own", _("Egen")


class CostUnit(models.TextChoices):
    MNKR = "mnkr", "mnkr"
    TKR = "tkr", "tkr"
    KR = "kr", "kr"


class AssignmentQuerySet(models.QuerySet["Assignment"]):
    def for_body(self, body: Body) -> "AssignmentQuerySet":
        return self.filter(plan__body=body)

    def from_origin(self, origin: str) -> "AssignmentQuerySet":
        return self.filter(origin=origin)


class Assignment(ReportedItem):
    """A task given to the body by the council, the executive board, its working committee,
    the budget, or by the body itself, followed up until it is closed."""

    plan = models.ForeignKey("plans.Plan", on_delete=models.CASCADE, related_name="assignments")
    key = models.SlugField(_("nyckel"), max_length=64)
    origin = models.CharField(
        _("uppdrag från"),
        max_length=20,
        choices=Origin.choices,
        help_text="Who gave the assignment.",
    )
    text = models.TextField(_("uppdrag"), help_text="The assignment as decided.")
    start_date = models.DateField(
        _("startdatum"), null=True, blank=True, help_text="Date of decision."
    )
    period_start = models.PositiveIntegerField(_("genomförande från år"), null=True, blank=True)
    period_end = models.PositiveIntegerField(_("genomförande till år"), null=True, blank=True)
    period_note = models.TextField(
        _("genomförandeperiod (text)"),
        blank=True,
        help_text="Implementation period given in words.",
    )
    extra_cost = models.DecimalField(
        _("extra kostnad utöver budget"),
        max_digits=16,
        decimal_places=4,
        null=True,
        blank=True,
        help_text="Cost beyond the budget frame, in extra_cost_unit.",
    )
    extra_cost_unit = models.CharField(
        _("enhet"), max_length=4, choices=CostUnit.choices, default=CostUnit.MNKR
    )
    extra_cost_note = models.TextField(
        _("extra kostnad (text)"),
        blank=True,
        help_text="Extra cost given in words, not as an amount.",
    )
    position = models.PositiveIntegerField(_("ordning"), default=0)
    public = models.BooleanField(
        _("offentlig"),
        default=True,
        help_text="Shown to residents in the open portal, open data and the public API once "
        "its plan is adopted. Off for an assignment the municipality does not publish (one "
        "that concerns named staff or a matter under secrecy).",
    )

    objects = AssignmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("uppdrag")
        verbose_name_plural = pgettext_lazy("plural", "uppdrag")
        # By the parent's id: ordering by the parent itself joins its own ordering's tables
        # (a plan's body and municipality) into every query, prefetches among them.
        ordering = ["plan_id", "position"]
        constraints = [models.UniqueConstraint(fields=["plan", "key"], name="assignment_key")]

    def __str__(self) -> str:
        return self.text[:80]


class AssignmentFollowUp(models.Model):
    """Where an assignment stands at a report occasion: status, comment, and in the annual
    report the fulfilment grade (Helt … Inte alls)."""

    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="follow_ups")
    occasion = models.ForeignKey(
        "plans.ReportOccasion", on_delete=models.CASCADE, related_name="assignment_follow_ups"
    )
    status = models.ForeignKey(
        "scales.ScaleOption",
        verbose_name=_("status"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    grade = models.ForeignKey(
        "scales.ScaleOption",
        verbose_name=_("måluppfyllelse"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    comment = models.TextField(_("kommentar"), blank=True)
    internal = models.BooleanField(
        _("intern kommentar"),
        default=False,
        help_text="The comment is for the administration and the committee only: the open "
        "portal, open data and the public API never show it (the status they do).",
    )

    class Meta:
        verbose_name = _("uppföljning av uppdrag")
        verbose_name_plural = _("uppföljningar av uppdrag")
        constraints = [
            models.UniqueConstraint(fields=["assignment", "occasion"], name="assignment_fu_unique")
        ]

    def __str__(self) -> str:
        return f"{self.assignment} – {self.occasion}"
