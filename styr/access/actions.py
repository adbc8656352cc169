"""Granting roles and making officials reporters of items. Every change is audited."""

from collections.abc import Mapping
from typing import TYPE_CHECKING

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import transaction

from styr.access.models import MUNICIPALITY_WIDE_ROLES, Grant, Role
from styr.access.permissions import reporters_of
from styr.audit.actions import record
from styr.core.models import ReportedItem
from styr.internal_control.models import Risk
from styr.organisation.models import Body, Municipality
from styr.plans.actions import refuse_if_locked

if TYPE_CHECKING:
    from styr.plans.models import Plan


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


def _plan_of(item: ReportedItem) -> "Plan":
    if isinstance(item, Risk):
        return item.category.plan
    plan = getattr(item, "plan", None)
    if plan is None:
        raise ValueError(f"{item} is not an item of a plan")
    return plan


def do_assign_reporters(
    plan: "Plan",
    choices: Mapping[ReportedItem, AbstractBaseUser | None],
    *,
    acting_user: AbstractBaseUser | AnonymousUser | None,
) -> int:
    """Make users the reporters (rapportörer) of a plan's goals, assignments and risks.

    Who reports is part of the follow-up, not of the decided plan: it can change after
    adoption, until the plan is locked. Returns how many items changed reporter.
    """
    refuse_if_locked(plan, "assign reporters", acting_user, follow_up=True)
    allowed = {user.pk for user in reporters_of(plan.body)}
    changed = 0
    with transaction.atomic():
        for item, user in choices.items():
            if _plan_of(item).pk != plan.pk:
                raise ValueError(f"{item} is not an item of {plan}")
            new_id = user.pk if user is not None else None
            if new_id == item.reporter_id:
                continue
            if user is not None and new_id not in allowed:
                raise ValueError(f"{user} is neither reporter nor editor of {plan.body}")
            before = str(item.reporter) if item.reporter_id else None
            item.reporter = user  # type: ignore[assignment]
            item.save(update_fields=["reporter"])
            record(
                "reporter_assigned",
                acting_user=acting_user,
                obj=item,
                changes={"reporter": [before, str(user) if user is not None else None]},
            )
            changed += 1
    return changed
