"""Entering an indicator's values: outcomes, forecasts and targets, one year and kind at a time.

An empty value deletes the row: an empty cell is not zero.
"""

from decimal import Decimal
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import transaction
from django.db.models import Max

from styr.audit.actions import record
from styr.core.keys import unique_key
from styr.core.text import clean_text
from styr.indicators.models import (
    GoalIndicator,
    Indicator,
    IndicatorValue,
    Metric,
    MetricValue,
    ValueKind,
)
from styr.plans.actions import refuse_if_locked
from styr.plans.models import Plan
from styr.steering.models import CommitteeGoal

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
    # Targets are the plan's decision; outcomes and forecasts are its follow-up. Values belong
    # to the body, so the plan that covers the year is checked too, not only the one the value
    # is entered from: next year's draft must not rewrite a locked year.
    covering = Plan.objects.filter(body_id=indicator.body_id, year=year).first()
    for checked in {plan, covering} - {None}:
        assert checked is not None
        refuse_if_locked(
            checked, f"set {kind} {year} of {indicator.key}", acting_user,
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


def _number(value: MetricValue | None) -> str | None:
    return None if value is None else format(value.value.normalize(), "f")


def do_set_metric_value(
    metric: Metric,
    *,
    plan: Plan,
    year: int,
    kind: ValueKind,
    value: Decimal | None,
    acting_user: Actor,
) -> MetricValue | None:
    """Set (or, with None, clear) one value of a metric (följetal); metrics have no targets."""
    if metric.body_id != plan.body_id:
        raise ValueError(f"{metric} is not a metric of {plan.body}")
    if kind == ValueKind.TARGET:
        raise ValueError("metrics have no targets")
    # As for indicators: the value is the body's, so the plan covering its year counts too.
    covering = Plan.objects.filter(body_id=metric.body_id, year=year).first()
    for checked in {plan, covering} - {None}:
        assert checked is not None
        refuse_if_locked(checked, f"set {kind} {year} of {metric.key}", acting_user, follow_up=True)
    with transaction.atomic():
        existing = (
            MetricValue.objects.select_for_update()
            .filter(metric=metric, year=year, kind=kind)
            .first()
        )
        before = _number(existing)
        saved: MetricValue | None = None
        if value is None:
            if existing is not None:
                existing.delete()
        else:
            saved, _ = MetricValue.objects.update_or_create(
                metric=metric, year=year, kind=kind, defaults={"value": value}
            )
        after = _number(saved)
        if before != after:
            record(
                "metric_value_set",
                acting_user=acting_user,
                obj=metric,
                changes={"year": year, "kind": str(kind), "value": [before, after]},
            )
    return saved


def do_add_indicator(
    goal: CommitteeGoal, values: dict[str, Any], *, acting_user: Actor
) -> Indicator:
    """A new indicator of the goal's body, followed up under the goal."""
    plan = goal.plan
    refuse_if_locked(plan, f"add indicator to {goal.key}", acting_user)
    with transaction.atomic():
        key = unique_key(
            values["name"],
            lambda k: Indicator.objects.filter(body_id=plan.body_id, key=k).exists(),
        )
        indicator = Indicator(body_id=plan.body_id, key=key)
        for field in ("name", "unit", "decimals", "polarity", "kolada_kpi", "description"):
            setattr(indicator, field, values.get(field, getattr(indicator, field)))
        indicator.name = clean_text(indicator.name).strip()
        indicator.full_clean()
        indicator.save()
        position = (goal.goalindicator_set.aggregate(m=Max("position"))["m"] or 0) + 1
        GoalIndicator.objects.create(goal=goal, indicator=indicator, position=position)
        record(
            "indicator_added",
            acting_user=acting_user,
            obj=indicator,
            changes={"goal": goal.key, "name": indicator.name, "polarity": indicator.polarity},
        )
    return indicator
