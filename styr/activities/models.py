"""Activities: the concrete work under a goal or an assignment, with progress per occasion."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from styr.organisation.models import Unit


class Activity(models.Model):
    """An activity (aktivitet) carried out to reach a goal or complete an assignment."""

    plan = models.ForeignKey("plans.Plan", on_delete=models.CASCADE, related_name="activities")
    key = models.SlugField(_("nyckel"), max_length=64)
    title = models.CharField(_("aktivitet"), max_length=500)
    goal = models.ForeignKey(
        "steering.CommitteeGoal",
        verbose_name=_("mål"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="activities",
    )
    assignment = models.ForeignKey(
        "assignments.Assignment",
        verbose_name=_("uppdrag"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="activities",
    )
    responsible_unit = models.ForeignKey(
        Unit, verbose_name=_("ansvarig enhet"), null=True, blank=True, on_delete=models.SET_NULL
    )
    units = models.ManyToManyField(
        Unit,
        verbose_name=_("medverkande enheter"),
        blank=True,
        related_name="+",
        help_text="Units that carry out the activity beside the responsible one; each of them "
        "can give its own comment at a report occasion.",
    )
    start = models.DateField(_("start"), null=True, blank=True)
    end = models.DateField(_("slut"), null=True, blank=True)
    position = models.PositiveIntegerField(_("ordning"), default=0)

    class Meta:
        verbose_name = _("aktivitet")
        verbose_name_plural = _("aktiviteter")
        # By the parent's id: ordering by the parent itself joins its own ordering's tables
        # (a plan's body and municipality) into every query, prefetches among them.
        ordering = ["plan_id", "position"]
        constraints = [models.UniqueConstraint(fields=["plan", "key"], name="activity_key")]

    def __str__(self) -> str:
        return self.title


class ActivityFollowUp(models.Model):
    """An activity's status and percent complete (färdiggrad) at a report occasion."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="follow_ups")
    occasion = models.ForeignKey(
        "plans.ReportOccasion", on_delete=models.CASCADE, related_name="activity_follow_ups"
    )
    status = models.ForeignKey(
        "scales.ScaleOption", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    percent_complete = models.PositiveSmallIntegerField(_("färdiggrad (%)"), null=True, blank=True)
    comment = models.TextField(_("kommentar"), blank=True)

    class Meta:
        verbose_name = _("uppföljning av aktivitet")
        verbose_name_plural = _("uppföljningar av aktiviteter")
        constraints = [
            models.UniqueConstraint(fields=["activity", "occasion"], name="activity_fu_unique")
        ]

    def __str__(self) -> str:
        return f"{self.activity} – {self.occasion}"


class ActivityUnitComment(models.Model):
    """One unit's own account of an activity at a report occasion. Where several units carry
    out an activity together, each says how its part has gone, beside the activity's comment."""

    follow_up = models.ForeignKey(
        ActivityFollowUp, on_delete=models.CASCADE, related_name="unit_comments"
    )
    # PROTECT: a unit that has reported cannot vanish with what it wrote.
    unit = models.ForeignKey(
        Unit, verbose_name=_("enhet"), on_delete=models.PROTECT, related_name="+"
    )
    comment = models.TextField(_("kommentar"))

    class Meta:
        verbose_name = _("enhetens kommentar")
        verbose_name_plural = _("enheternas kommentarer")
        ordering = ["follow_up", "unit__position", "unit__name"]
        constraints = [
            models.UniqueConstraint(fields=["follow_up", "unit"], name="activity_unit_comment")
        ]

    def __str__(self) -> str:
        return f"{self.unit}: {self.comment[:60]}"
