"""E-mail reminders to reporters before a report occasion's deadline: who wants them, and
which have gone out (so that a second run on the same day sends nothing again)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from styr.plans.models import ReportOccasion


class ReminderPreference(models.Model):
    """A user's choice about e-mail reminders. A user without one gets reminders: a reporter
    who never opened the page should still hear of a deadline."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("användare"),
        on_delete=models.CASCADE,
        related_name="reminder_preference",
    )
    enabled = models.BooleanField(_("påminnelser per e-post"), default=True)
    changed_at = models.DateTimeField(_("ändrad"), auto_now=True)

    class Meta:
        verbose_name = _("val för påminnelser")
        verbose_name_plural = _("val för påminnelser")

    def __str__(self) -> str:
        return f"{self.user}: {'på' if self.enabled else 'av'}"


class ReminderSent(models.Model):
    """One reminder that went out: to a user, of an occasion's deadline, at one of the steps
    of REMINDER_DAYS_BEFORE. The deadline is part of the key: a deadline moved later is a new
    deadline, reminded of again."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("användare"),
        on_delete=models.CASCADE,
        related_name="reminders_sent",
    )
    occasion = models.ForeignKey(
        ReportOccasion,
        verbose_name=_("rapporttillfälle"),
        on_delete=models.CASCADE,
        related_name="reminders_sent",
    )
    deadline = models.DateField(_("sista dag att rapportera"))
    days_before = models.PositiveIntegerField(
        _("dagar före"), help_text="The step of REMINDER_DAYS_BEFORE this reminder was."
    )
    sent_on = models.DateField(_("skickad den"))
    sent_at = models.DateTimeField(_("skickad"), auto_now_add=True)
    email = models.CharField(
        _("e-postadress"), max_length=254, help_text="The address it went to, as it was then."
    )
    items = models.PositiveIntegerField(_("ej rapporterat"), help_text="Items it listed.")

    class Meta:
        verbose_name = _("skickad påminnelse")
        verbose_name_plural = _("skickade påminnelser")
        ordering = ["-sent_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "occasion", "deadline", "days_before"], name="reminder_sent_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.occasion} ({self.sent_on})"
