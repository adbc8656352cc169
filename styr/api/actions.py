"""Creating, using and revoking personal API tokens, each change audited in its transaction."""

import hashlib
import secrets
from datetime import date, timedelta

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from styr.access.permissions import visible_bodies
from styr.api.models import ApiToken
from styr.audit.actions import record
from styr.organisation.models import Body

# Tokens say what they are, so a secret scanner (and a reader of a leaked log) recognises one.
TOKEN_PREFIX = "styr_"
LONGEST_VALIDITY = timedelta(days=366)


def digest(token: str) -> str:
    """A token's fingerprint as stored. A token has 256 random bits, so a fast hash is as
    safe as a slow one here, and checking each API request costs nothing."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


class TokenError(ValueError):
    """The token cannot be created as asked; the message names the field."""


def do_create_token(
    user: User,
    *,
    name: str,
    bodies: list[Body],
    expires_on: date,
    may_write: bool,
    acting_user: User,
) -> tuple[ApiToken, str]:
    """Create a token for the user; returns it with the secret, which is never shown again."""
    name = name.strip()
    if not name:
        raise TokenError(_("Namn: skriv vad nyckeln ska användas till."))
    if not bodies:
        raise TokenError(_("Organ: välj minst ett organ som nyckeln ska nå."))
    readable = set(visible_bodies(user).values_list("pk", flat=True))
    outside = [b.name for b in bodies if b.pk not in readable]
    if outside:
        raise TokenError(
            _("Organ: du har ingen behörighet till %(bodies)s.") % {"bodies": ", ".join(outside)}
        )
    today = timezone.localdate()
    if not today < expires_on <= today + LONGEST_VALIDITY:
        raise TokenError(_("Giltig till: välj en dag inom ett år från i dag."))
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    with transaction.atomic():
        token = ApiToken.objects.create(
            user=user,
            name=name[:100],
            prefix=secret[: len(TOKEN_PREFIX) + 6],
            digest=digest(secret),
            expires_on=expires_on,
            may_write=may_write,
        )
        token.bodies.set(bodies)
        record(
            "api_token_created",
            acting_user=acting_user,
            obj=token,
            changes={
                "name": token.name,
                "bodies": sorted(b.code for b in bodies),
                "expires_on": expires_on.isoformat(),
                "may_write": may_write,
            },
        )
    return token, secret


def do_revoke_token(token: ApiToken, *, acting_user: User) -> ApiToken:
    with transaction.atomic():
        token = ApiToken.objects.select_for_update().get(pk=token.pk)
        if token.revoked_at is None:
            token.revoked_at = timezone.now()
            token.save(update_fields=["revoked_at"])
            record("api_token_revoked", acting_user=acting_user, obj=token)
    return token


def token_for(secret: str) -> ApiToken | None:
    """The usable token with this secret, its use noted (at most once a minute, so a busy
    integration does not write a row per request)."""
    token = (
        ApiToken.objects.usable()
        .filter(digest=digest(secret))
        .select_related("user")
        .prefetch_related("bodies")
        .first()
    )
    if token is None or not token.user.is_active:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > timedelta(minutes=1):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token
