"""Entering an indicator's values: outcomes, forecasts and targets, one year and kind at a time.

An empty value deletes the row: an empty cell is not zero.
"""

from decimal import Decimal

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import transaction

from styr.audit.actions import record
from styr.indicators.models import Indicator, IndicatorValue, ValueKind
from styr.plans.actions import refuse_if_locked
from styr.plans.models import Plan

Actor = AbstractBaseUser | AnonymousUser | None


def _text(value: IndicatorValue | None) -> str | None:
    if value is None:
        return None
    number = format(value.value.normalize(), "f")
    return f"{value.comparator} {number}".strip()


def do_set_indicator_value(
    indicator: Indicator,
    *,
    plan: Plan,
    year: int,
    kind: ValueKind,
    value: Decimal | None,
    comparator: str = "",
    acting_user: Actor,
) -> IndicatorValue | None:
    """Set (or, with None, clear) one value, in the context of the plan it is entered in."""
    if indicator.body_id != plan.body_id:
        raise ValueError(f"{indicator} is not an indicator of {plan.body}")
    # Targets are the plan's decision; outcomes and forecasts are its follow-up.
    refuse_if_locked(
        plan, f"set {kind} {year} of {indicator.key}", acting_user,
        follow_up=kind != ValueKind.TARGET,
    )  # fmt: skip
    if kind != ValueKind.TARGET:
        comparator = ""
    with transaction.atomic():
        existing = (
            IndicatorValue.objects.select_for_update()
            .filter(indicator=indicator, year=year, kind=kind)
            .first()
        )
        before = _text(existing)
        if value is None:
            if existing is not None:
                existing.delete()
            after = None
            saved = None
        else:
            saved, _ = IndicatorValue.objects.update_or_create(
                indicator=indicator,
                year=year,
                kind=kind,
                defaults={"value": value, "comparator": comparator},
            )
            after = _text(saved)
        if before != after:
            record(
                "indicator_value_set",
                acting_user=acting_user,
                obj=indicator,
                changes={"year": year, "kind": str(kind), "value": [before, after]},
            )
    return saved
