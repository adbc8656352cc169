"""Granting roles. Every grant is audited."""

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import transaction

from styr.access.models import MUNICIPALITY_WIDE_ROLES, Grant, Role
from styr.audit.actions import record
from styr.organisation.models import Body, Municipality


def do_grant_role(
    user: AbstractBaseUser,
    role: Role,
    *,
    municipality: Municipality,
    body: Body | None,
    acting_user: AbstractBaseUser | AnonymousUser | None,
) -> Grant:
    """Give a user a role, on one body or (oversight, auditor, administrator) municipality-wide."""
    if (role in MUNICIPALITY_WIDE_ROLES) != (body is None):
        raise ValueError(
            f"the role {role.label} is held {'municipality-wide' if body is None else 'per body'}"
        )
    if body is not None and body.municipality_id != municipality.pk:
        raise ValueError(f"{body} is not a body of {municipality}")
    with transaction.atomic():
        grant, created = Grant.objects.get_or_create(
            user=user, municipality=municipality, body=body, role=role
        )
        if created:
            record(
                "role_granted",
                acting_user=acting_user,
                obj=grant,
                changes={
                    "user": str(user),
                    "role": role.value,
                    "body": body.code if body else None,
                },
            )
    return grant
