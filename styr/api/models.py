"""Personal API tokens: how another system (a BI tool, the municipality's intranet, a script
that reports outcomes) reads and reports in Styr as one official, within limits they chose."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from styr.organisation.models import Body


class ApiTokenQuerySet(models.QuerySet["ApiToken"]):
    def usable(self) -> "ApiTokenQuerySet":
        """Neither revoked nor past its last day."""
        return self.filter(revoked_at__isnull=True, expires_on__gte=timezone.localdate())

    def of_user(self, user_id: int) -> "ApiTokenQuerySet":
        return self.filter(user_id=user_id)


class ApiToken(models.Model):
    """A personal API token. The token itself is shown once, when it is created; only its
    SHA-256 digest is kept, so a copy of the database gives no one a working token."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("användare"),
        on_delete=models.CASCADE,
        related_name="api_tokens",
        help_text="The official the token acts as: it may never do more than they may.",
    )
    name = models.CharField(
        _("namn"), max_length=100, help_text="What the token is for, e.g. Power BI-rapporten."
    )
    prefix = models.CharField(
        _("början"), max_length=16, help_text="The token's first characters, to recognise it."
    )
    digest = models.CharField(_("kontrollsumma"), max_length=64, unique=True)
    bodies = models.ManyToManyField(
        Body,
        verbose_name=_("organ"),
        related_name="+",
        help_text="The bodies the token reaches; of these, only what the user may see or do.",
    )
    may_write = models.BooleanField(
        _("får rapportera"),
        default=False,
        help_text="Whether the token may report follow-up (outcomes, statuses, comments); "
        "without it the token only reads.",
    )
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)
    expires_on = models.DateField(_("giltig till och med"))
    revoked_at = models.DateTimeField(_("återkallad"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("senast använd"), null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        verbose_name = _("API-nyckel")
        verbose_name_plural = _("API-nycklar")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_usable(self) -> bool:
        return self.revoked_at is None and self.expires_on >= timezone.localdate()
