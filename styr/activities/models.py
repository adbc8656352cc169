"""Activities: the concrete work under a goal or an assignment, with progress per occasion."""

from django.db import models

from styr.organisation.models import Unit


class Activity(models.Model):
    """An activity (aktivitet) carried out to reach a goal or complete an assignment."""

    plan = models.ForeignKey("plans.Plan", on_delete=models.CASCADE, related_name="activities")
    key = models.SlugField("nyckel", max_length=64)
    title = models.CharField("aktivitet", max_length=500)
    goal = models.ForeignKey(
        "steering.CommitteeGoal",
        verbose_name="mål",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="activities",
    )
    assignment = models.ForeignKey(
        "assignments.Assignment",
        verbose_name="uppdrag",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="activities",
    )
    responsible_unit = models.ForeignKey(
        Unit, verbose_name="ansvarig enhet", null=True, blank=True, on_delete=models.SET_NULL
    )
    start = models.DateField("start", null=True, blank=True)
    end = models.DateField("slut", null=True, blank=True)
    position = models.PositiveIntegerField("ordning", default=0)

    class Meta:
        verbose_name = "aktivitet"
        verbose_name_plural = "aktiviteter"
        ordering = ["plan", "position"]
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
    percent_complete = models.PositiveSmallIntegerField("färdiggrad (%)", null=True, blank=True)
    comment = models.TextField("kommentar", blank=True)

    class Meta:
        verbose_name = "uppföljning av aktivitet"
        verbose_name_plural = "uppföljningar av aktiviteter"
        constraints = [
            models.UniqueConstraint(fields=["activity", "occasion"], name="activity_fu_unique")
        ]

    def __str__(self) -> str:
        return f"{self.activity} – {self.occasion}"
