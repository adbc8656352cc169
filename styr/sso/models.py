"""Single sign-on: which groups at the municipality's identity provider give which roles in
Styr, which accounts sign in there, and which of their roles came from that mapping."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from styr.access.models import MUNICIPALITY_WIDE_ROLES, Grant, Role
from styr.organisation.models import Body, Municipality

_WIDE = sorted(role.value for role in MUNICIPALITY_WIDE_ROLES)


class ClaimRoleMapping(models.Model):
    """A group (or another value) at the identity provider that gives a role in Styr.

    The municipality's IT administers who is in which group (in Entra ID, say, the group
    "Styr – redaktörer KFN"); Styr's administrator says here what the group may do: edit the
    culture and leisure committee's plan, read the executive board's, or (oversight, auditor,
    administrator) see the whole municipality. At every sign-in through the provider the
    person's roles from these rows are brought in line with the groups they are in then.
    """

    municipality = models.ForeignKey(
        Municipality, verbose_name=_("kommun"), on_delete=models.CASCADE,
        related_name="sso_mappings",
    )  # fmt: skip
    claim = models.CharField(
        _("anspråk"), max_length=100, default="groups",
        help_text=_(
            "Uppgiften i inloggningen som jämförs, oftast groups (Entra ID:s grupper) eller "
            "roles (appens roller)."
        ),
    )  # fmt: skip
    value = models.CharField(
        _("värde"), max_length=300,
        help_text=_("Gruppens objekt-id i Entra ID, eller det värde anspråket ska ha."),
    )  # fmt: skip
    description = models.CharField(
        _("beskrivning"), max_length=200, blank=True,
        help_text=_("Vad gruppen heter hos leverantören, så att den känns igen här."),
    )  # fmt: skip
    body = models.ForeignKey(
        Body, verbose_name=_("organ"), null=True, blank=True, on_delete=models.CASCADE,
        related_name="sso_mappings",
        help_text=_("Tomt för roller som gäller hela kommunen (uppsikt, revisor, administratör)."),
    )  # fmt: skip
    role = models.CharField(_("roll"), max_length=32, choices=Role.choices)

    class Meta:
        verbose_name = _("koppling av grupp till roll")
        verbose_name_plural = _("kopplingar av grupper till roller")
        ordering = ["municipality", "claim", "value", "role"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "claim", "value", "body", "role"],
                name="sso_mapping_unique",
            ),
            # As for a grant: body roles name a body, municipality-wide roles name none.
            models.CheckConstraint(
                condition=models.Q(role__in=_WIDE, body__isnull=True)
                | (~models.Q(role__in=_WIDE) & models.Q(body__isnull=False)),
                name="sso_mapping_body_matches_role",
            ),
        ]

    def __str__(self) -> str:
        where = self.body.code if self.body_id and self.body else self.municipality.name
        named = self.description or self.value
        return f"{self.claim}={named} → {self.get_role_display()} – {where}"

    def clean(self) -> None:
        wide = self.role in MUNICIPALITY_WIDE_ROLES
        if wide and self.body_id is not None:
            raise ValidationError(
                {"body": _("Rollen gäller hela kommunen och ska inte ha något organ.")}
            )
        if self.role and not wide and self.body_id is None:
            raise ValidationError({"body": _("Rollen gäller ett organ: välj vilket.")})
        if (
            self.body_id is not None
            and self.municipality_id is not None
            and self.body is not None
            and self.body.municipality_id != self.municipality_id
        ):
            raise ValidationError({"body": _("Organet hör inte till kommunen.")})


class SsoIdentity(models.Model):
    """The person at the identity provider that a Styr account belongs to.

    Kept by the provider's stable subject (`sub`), never by name or e-mail, which can be given
    to someone else when an employee leaves: the same person signs in to the same account even
    after changing name, and a new employee with an old name does not inherit it.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("användare"), on_delete=models.CASCADE,
        related_name="sso_identity",
    )  # fmt: skip
    issuer = models.CharField(_("utfärdare"), max_length=300)
    subject = models.CharField(_("subjekt"), max_length=300)
    claims = models.JSONField(
        _("uppgifter vid senaste inloggningen"), default=dict, blank=True,
        help_text=_(
            "Det leverantören sade om personen senast (grupper, namn): en ändrad koppling "
            "gäller dem direkt, utan att de behöver logga in igen."
        ),
    )  # fmt: skip
    created_at = models.DateTimeField(_("kopplad"), auto_now_add=True)
    last_login_at = models.DateTimeField(_("senaste inloggning"), null=True, blank=True)

    class Meta:
        verbose_name = _("inloggningsidentitet")
        verbose_name_plural = _("inloggningsidentiteter")
        constraints = [
            models.UniqueConstraint(fields=["issuer", "subject"], name="sso_identity_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.subject})"


class SsoGrant(models.Model):
    """Marks a grant as given by a group mapping at sign-in.

    Only these grants are taken away again when the person leaves the group or the mapping is
    removed; roles an administrator gave by hand stay as they are. Removing the mark makes the
    grant one given by hand.
    """

    grant = models.OneToOneField(
        Grant, verbose_name=_("behörighet"), on_delete=models.CASCADE, related_name="sso"
    )
    created_at = models.DateTimeField(_("given"), auto_now_add=True)

    class Meta:
        verbose_name = _("behörighet från inloggningen")
        verbose_name_plural = _("behörigheter från inloggningen")

    def __str__(self) -> str:
        return str(self.grant)


class SsoSession(models.Model):
    """Which of Styr's sessions a sign-in at the provider opened, by the provider's session id
    (`sid`), so that signing out at the provider (or in another application) can end it: the
    provider's front-channel request carries no Styr cookie, only the sid."""

    sid = models.CharField(_("leverantörens sessions-id"), max_length=300, db_index=True)
    session_key = models.CharField(_("Styrs session"), max_length=40, unique=True)
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)

    class Meta:
        verbose_name = _("session från inloggningen")
        verbose_name_plural = _("sessioner från inloggningen")

    def __str__(self) -> str:
        return self.sid
