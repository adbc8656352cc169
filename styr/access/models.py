"""Who may do what: roles granted to users, per body or across the municipality."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from styr.organisation.models import Body, Municipality


class Role(models.TextChoices):
    EDITOR = "editor", _("Redaktör")
    REPORTER = "reporter", _("Rapportör")
    READER = "reader", _("Läsare")
    OVERSIGHT = "oversight", _("KS uppsikt")
    AUDITOR = "auditor", _("Revisor")
    ADMINISTRATOR = "administrator", _("Administratör")


# Roles that are held for a whole municipality rather than for one body.
MUNICIPALITY_WIDE_ROLES = frozenset({Role.OVERSIGHT, Role.AUDITOR, Role.ADMINISTRATOR})


class Grant(models.Model):
    """A role given to a user.

    Editors, reporters and readers hold their role for one body. Oversight (the executive
    board's duty to see every body's plans), auditors and administrators hold theirs for the
    whole municipality, and their grant names no body.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("användare"),
        on_delete=models.CASCADE,
        related_name="grants",
    )
    municipality = models.ForeignKey(
        Municipality, verbose_name=_("kommun"), on_delete=models.CASCADE
    )
    body = models.ForeignKey(
        Body, verbose_name=_("organ"), null=True, blank=True, on_delete=models.CASCADE
    )
    role = models.CharField(_("roll"), max_length=32, choices=Role.choices)

    class Meta:
        verbose_name = _("behörighet")
        verbose_name_plural = _("behörigheter")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "municipality", "body", "role"], name="grant_unique"
            ),
        ]

    def __str__(self) -> str:
        where = self.body.code if self.body else self.municipality.name
        return f"{self.user} – {self.get_role_display()} – {where}"


class LoginFailures(models.Model):
    """Failed sign-ins in a row for one account or one address, and when the last was.

    Kept in the database so that every server process and every server behind a load balancer
    sees the same count. A successful sign-in clears the account's row."""

    scope = models.CharField(
        _("gäller"), max_length=300, unique=True,
        help_text="'konto:<username>' or 'adress:<IP address>'.",
    )  # fmt: skip
    count = models.PositiveIntegerField(_("misslyckade i rad"), default=0)
    last_at = models.DateTimeField(_("senast"))

    class Meta:
        verbose_name = _("misslyckade inloggningar")
        verbose_name_plural = _("misslyckade inloggningar")

    def __str__(self) -> str:
        return f"{self.scope}: {self.count}"
