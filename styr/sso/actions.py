"""Signing in through the identity provider and mapping its groups to roles. Every change
runs in one transaction with its audit entry.

A person's roles from single sign-on are a function of two things: the groups the provider
said they were in at their latest sign-in (kept on their SsoIdentity) and the mappings an
administrator keeps in the admin. A change to either brings the roles in line at once: a
sign-in for that person, a mapping change for everyone it concerns. Roles given by hand are
never touched.
"""

import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser, User
from django.db import transaction
from django.utils import timezone

from styr.access.models import Grant, Role
from styr.audit.actions import record, stored_language
from styr.audit.cli import operating
from styr.sso.models import ClaimRoleMapping, SsoGrant, SsoIdentity

log = logging.getLogger(__name__)

Actor = AbstractBaseUser | AnonymousUser | None
# One role as a grant holds it: (municipality id, body id or None, role).
GrantKey = tuple[int, int | None, str]

# Claims about the token itself, not the person: never kept.
_TOKEN_CLAIMS = frozenset(
    {"aud", "iss", "iat", "exp", "nbf", "nonce", "at_hash", "c_hash", "auth_time", "azp",
     "sid", "jti", "uti", "rh", "aio", "acr", "amr", "ver", "xms_tpl"}
)  # fmt: skip


class SignInRefused(Exception):
    """The provider vouched for the person, but Styr will not let them in (the reason is
    logged for the administrator; the person is told to contact them)."""


@dataclass(frozen=True)
class SyncResult:
    granted: list[Grant]
    revoked: list[str]


def kept_claims(claims: Mapping[str, Any]) -> dict[str, Any]:
    """The claims about the person that mappings can read: text, or lists of text."""
    kept: dict[str, Any] = {}
    for name, value in claims.items():
        if name in _TOKEN_CLAIMS or name.startswith("_"):
            continue
        if isinstance(value, str):
            kept[name] = value
        elif isinstance(value, list) and all(isinstance(item, str) for item in value):
            kept[name] = list(value)
    return kept


def _values(claims: Mapping[str, Any], claim: str) -> set[str]:
    """A claim's values, compared without case or surrounding space: group ids pasted from
    the Entra portal in capitals are the same group."""
    raw = claims.get(claim)
    items = [raw] if isinstance(raw, str) else raw if isinstance(raw, list) else []
    return {item.strip().casefold() for item in items if isinstance(item, str)}


def _matches(mapping: ClaimRoleMapping, claims: Mapping[str, Any]) -> bool:
    return mapping.value.strip().casefold() in _values(claims, mapping.claim)


def _wanted(claims: Mapping[str, Any]) -> dict[GrantKey, ClaimRoleMapping]:
    wanted: dict[GrantKey, ClaimRoleMapping] = {}
    for mapping in ClaimRoleMapping.objects.select_related("body", "municipality"):
        if _matches(mapping, claims):
            wanted.setdefault((mapping.municipality_id, mapping.body_id, mapping.role), mapping)
    return wanted


def _grant_changes(grant: Grant) -> dict[str, Any]:
    return {
        "user": str(grant.user),
        "role": grant.role,
        "body": grant.body.code if grant.body else None,
    }


def _sync(user: User, claims: Mapping[str, Any], acting_user: Actor) -> SyncResult:
    """Must run inside the caller's transaction."""
    wanted = _wanted(claims)
    held = {
        (grant.municipality_id, grant.body_id, grant.role): grant
        for grant in Grant.objects.filter(user=user).select_related("body", "sso")
    }
    revoked: list[str] = []
    for key, grant in held.items():
        if key in wanted or not hasattr(grant, "sso"):
            continue
        with stored_language():
            revoked.append(str(grant))
            record(
                "sso_role_revoked", acting_user=acting_user, obj=grant,
                changes=_grant_changes(grant),
            )  # fmt: skip
        grant.delete()
    granted: list[Grant] = []
    for key, mapping in wanted.items():
        if key in held:
            continue  # held already: from the mapping, or given by hand and left as it is
        municipality_id, body_id, role = key
        grant = Grant.objects.create(
            user=user, municipality_id=municipality_id, body_id=body_id, role=role
        )
        SsoGrant.objects.create(grant=grant)
        with stored_language():
            record(
                "sso_role_granted", acting_user=acting_user, obj=grant,
                changes={**_grant_changes(grant),
                         "claim": f"{mapping.claim}={mapping.description or mapping.value}"},
            )  # fmt: skip
        granted.append(grant)
    return SyncResult(granted=granted, revoked=revoked)


def _signing_in() -> Any:
    """Changes made by a sign-in are recorded as the provider's, not as the person's own."""
    return operating(f"inloggning via {settings.OIDC_PROVIDER_NAME}"[:150])


def do_sync_sso_grants(user: User, claims: Mapping[str, Any], *, acting_user: Actor) -> SyncResult:
    """Bring the roles a user holds from single sign-on in line with the mappings and the
    given claims: grant what a mapping gives and they lack, take away what they hold from
    single sign-on and no mapping gives any more."""
    with transaction.atomic():
        return _sync(user, claims, acting_user)


def _username(claims: Mapping[str, Any]) -> str:
    claim = settings.OIDC_USERNAME_CLAIM
    raw = claims.get(claim)
    username = raw.strip() if isinstance(raw, str) else ""
    if not username:
        raise SignInRefused(f"the sign-in has no {claim!r} claim to name the account by")
    if len(username) > User._meta.get_field("username").max_length:  # type: ignore[operator]
        raise SignInRefused(f"the {claim!r} claim is longer than a username may be")
    return username


def _text(claims: Mapping[str, Any], name: str, limit: int) -> str:
    value = claims.get(name)
    return value.strip()[:limit] if isinstance(value, str) else ""


def _update_profile(user: User, claims: Mapping[str, Any]) -> None:
    """Names and e-mail as the provider has them now (the provider is their source)."""
    profile = {
        "first_name": _text(claims, "given_name", 150),
        "last_name": _text(claims, "family_name", 150),
        "email": _text(claims, "email", 254),
    }
    changed = [name for name, value in profile.items() if value and getattr(user, name) != value]
    for name in changed:
        setattr(user, name, profile[name])
    if changed:
        user.save(update_fields=changed)  # recorded by styr.audit.accounts as user_changed


def _account_for(issuer: str, subject: str, claims: Mapping[str, Any]) -> User:
    identity = (
        SsoIdentity.objects.select_related("user").filter(issuer=issuer, subject=subject).first()
    )
    if identity is not None:
        assert isinstance(identity.user, User)
        return identity.user
    username = _username(claims)
    user = User.objects.filter(username=username).first()
    if user is None:
        # The account is created with no password: it signs in through the provider only.
        user = User.objects.create_user(username)
    elif SsoIdentity.objects.filter(user=user).exists():
        raise SignInRefused(
            f"the account {username!r} belongs to another person at the provider; rename or "
            "deactivate it if it is a former employee's"
        )
    elif not settings.OIDC_LINK_EXISTING_ACCOUNTS:
        raise SignInRefused(
            f"a local account {username!r} exists; set OIDC_LINK_EXISTING_ACCOUNTS=true to let "
            "the provider's sign-in take it over (docs/sso.md)"
        )
    SsoIdentity.objects.create(user=user, issuer=issuer, subject=subject)
    record(
        "sso_account_linked", acting_user=None, obj=user,
        changes={"username": username, "issuer": issuer, "subject": subject},
    )  # fmt: skip
    return user


def do_sign_in(claims: Mapping[str, Any], *, issuer: str) -> User:
    """The account of the person the provider vouched for (the claims of a verified ID token),
    created or linked at the first sign-in, with names, e-mail and roles brought up to date.

    A deactivated account is returned untouched: the sign-in view refuses it."""
    subject = claims.get("sub")
    if not isinstance(subject, str) or not subject:
        raise SignInRefused("the ID token has no subject (sub)")
    with transaction.atomic(), _signing_in():
        user = _account_for(issuer, subject, claims)
        if not user.is_active:
            return user
        _update_profile(user, claims)
        SsoIdentity.objects.filter(user=user).update(
            claims=kept_claims(claims), last_login_at=timezone.now()
        )
        if "groups" in claims.get("_claim_names", {}):
            # Entra ID names no groups when a person is in too many (over 200): they would lose
            # every role. The app registration should send only groups assigned to the app.
            log.warning(
                "sign-in of %s: the provider left out the groups claim (too many groups); "
                "roles from single sign-on are kept as they were", user.username,
            )  # fmt: skip
        else:
            _sync(user, claims, None)
    return user


def _affected(mappings: Iterable[ClaimRoleMapping]) -> list[SsoIdentity]:
    """The people whose latest sign-in matched any of the mappings (as they were or are)."""
    return [
        identity
        for identity in SsoIdentity.objects.select_related("user").filter(user__is_active=True)
        if any(_matches(mapping, identity.claims) for mapping in mappings)
    ]


def _resync(mappings: Iterable[ClaimRoleMapping], acting_user: Actor) -> None:
    for identity in _affected(mappings):
        assert isinstance(identity.user, User)
        _sync(identity.user, identity.claims, acting_user)


def _fields(mapping: ClaimRoleMapping) -> dict[str, Any]:
    with stored_language():
        return {
            "claim": mapping.claim,
            "value": mapping.value,
            "description": mapping.description,
            "body": mapping.body.code if mapping.body_id and mapping.body else None,
            "role": str(Role(mapping.role).label) if mapping.role else "",
        }


def do_save_mapping(mapping: ClaimRoleMapping, *, acting_user: Actor) -> ClaimRoleMapping:
    """Add or change a mapping from a group to a role; the roles of everyone whose latest
    sign-in it matched (before or after the change) follow at once."""
    mapping.full_clean()
    with transaction.atomic():
        stored = (
            ClaimRoleMapping.objects.select_related("body").filter(pk=mapping.pk).first()
            if mapping.pk
            else None
        )
        before = _fields(stored) if stored is not None else {}
        mapping.save()
        after = _fields(mapping)
        changes = {
            name: [before.get(name), value]
            for name, value in after.items()
            if before.get(name) != value
        }
        if stored is None or changes:
            record(
                "sso_mapping_changed" if stored is not None else "sso_mapping_created",
                acting_user=acting_user, obj=mapping, changes=changes,
            )  # fmt: skip
        _resync([m for m in (stored, mapping) if m is not None], acting_user)
    return mapping


def do_delete_mapping(mapping: ClaimRoleMapping, *, acting_user: Actor) -> None:
    """Remove a mapping; the roles it alone gave are taken away from everyone at once."""
    with transaction.atomic():
        record(
            "sso_mapping_deleted", acting_user=acting_user, obj=mapping, changes=_fields(mapping)
        )
        mapping.delete()
        _resync([mapping], acting_user)
