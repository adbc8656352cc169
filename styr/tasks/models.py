"""Work that runs outside the request: a large document rendered, Kolada fetched, reminders
sent. The web shows a job's progress and result from this table, so a page reload, another
web process or another server sees the same state as the worker that runs it."""

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class JobState(models.TextChoices):
    QUEUED = "queued", _("Väntar")
    RUNNING = "running", _("Pågår")
    DONE = "done", _("Klar")
    FAILED = "failed", _("Misslyckades")


class JobQuerySet(models.QuerySet["Job"]):
    def for_user(self, user: Any) -> "JobQuerySet":
        return self.filter(created_by_id=user.pk)

    def unfinished(self) -> "JobQuerySet":
        return self.filter(state__in=[JobState.QUEUED, JobState.RUNNING])


class Job(models.Model):
    """One piece of background work and what came of it.

    `kind` names the work (styr.tasks.kinds), `params` what it was asked to do. A job that
    produces a file (a rendered plan) keeps it in `file_content`, in the database, so any web
    process on any server can hand it out."""

    kind = models.CharField(_("typ"), max_length=64)
    params = models.JSONField(_("uppgifter"), default=dict)
    state = models.CharField(
        _("status"), max_length=16, choices=JobState.choices, default=JobState.QUEUED
    )
    title = models.CharField(_("rubrik"), max_length=300, help_text="What the user asked for.")
    progress_done = models.PositiveIntegerField(_("klart"), default=0)
    progress_total = models.PositiveIntegerField(
        _("totalt"), default=0, help_text="0 while the size of the work is not known."
    )
    progress_text = models.CharField(_("steg"), max_length=300, blank=True)
    result = models.JSONField(
        _("resultat"), default=dict, help_text="The summary shown when the job is done."
    )
    error = models.TextField(_("fel"), blank=True, help_text="Why the job failed, for the user.")
    attempts = models.PositiveIntegerField(
        _("försök"), default=0, help_text="How many times a worker has started the job."
    )
    file_name = models.CharField(_("filnamn"), max_length=200, blank=True)
    file_type = models.CharField(_("filtyp"), max_length=100, blank=True)
    file_content = models.BinaryField(_("fil"), null=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("beställd av"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("beställd"), auto_now_add=True)
    started_at = models.DateTimeField(_("startad"), null=True, blank=True)
    finished_at = models.DateTimeField(_("klar"), null=True, blank=True)

    objects = JobQuerySet.as_manager()

    class Meta:
        verbose_name = _("bakgrundsjobb")
        verbose_name_plural = _("bakgrundsjobb")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["created_by", "-created_at"], name="job_by_user")]

    def __str__(self) -> str:
        return self.title

    @property
    def finished(self) -> bool:
        return self.state in (JobState.DONE, JobState.FAILED)

    @property
    def percent(self) -> int | None:
        if not self.progress_total:
            return None
        return min(100, round(100 * self.progress_done / self.progress_total))
