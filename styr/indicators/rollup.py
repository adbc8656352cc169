"""Each plan's committee goals counted by status, stored and kept current as data changes.

The start page shows, for every body, how many of its newest plan's goals are met, nearly met,
not met or without data. Judging that from thousands of indicator values on every request is
too slow, and remembering it until the next change makes the first request after every save
slow, so the counts are stored per plan (PlanRollup) and counted again, in the same
transaction, by every action that changes what they are judged from:

- an indicator's value (do_set_indicator_value, Kolada outcomes, Excel), or its direction;
- a goal's indicators, or a goal added, or a goal's assessment by hand;
- a plan copied, a plan file read in, a synthetic municipality generated;
- anything saved in the admin (a municipality's tolerance or goal rule among them).

Those actions call `keep_current` with the plans concerned (or `keep_current_for` with what they
changed). The counting locks the plan's stored row first, so of two editors saving in the same
plan at once the second counts after the first has committed and sees both values.
"""

from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from decimal import Decimal
from typing import NamedTuple

from django.db import models, transaction
from django.db.models import Q

from styr.indicators.assessment import (
    Status,
    Value,
    assess_indicator,
    assessable_years,
    goal_status,
)
from styr.indicators.models import GoalIndicator, Indicator, IndicatorValue, PlanRollup, ValueKind
from styr.indicators.vocabulary import FULFILMENT_STATUS
from styr.organisation.models import Body, Municipality
from styr.plans.models import Plan, ReportOccasion
from styr.steering.models import CommitteeGoal, GoalFollowUp

# The years an overview can assess: the plan year and the two before it (while a plan is
# written, last year's forecast is the latest result). Older values stay on indicator pages.
YEARS_BACK = 2


def add_reference_outcomes(values: dict[int, list[Value]]) -> None:
    """Relative targets are judged against an earlier year's outcome, which may lie before the
    years read: read those outcomes too (one query, only when there are such targets)."""
    wanted = {
        (indicator_id, v.reference_year)
        for indicator_id, vs in values.items()
        for v in vs
        if v.reference_year is not None
        and not any(o.year == v.reference_year and o.kind == ValueKind.OUTCOME for o in vs)
    }
    if not wanted:
        return
    query = Q()
    for indicator_id, year in wanted:
        query |= Q(indicator_id=indicator_id, year=year)
    outcomes = IndicatorValue.objects.filter(query, kind=ValueKind.OUTCOME).values_list(
        "indicator_id", "year", "value"
    )
    for indicator_id, year, value in outcomes:
        values[indicator_id].append(Value(year, ValueKind.OUTCOME, value, ""))


def assessed_year(values: dict[int, list[Value]], plan_year: int) -> int:
    """The latest year up to the plan year in which at least half of the indicators that can be
    assessed at all have a result and a target; while a plan is being written that is usually
    last year's forecast against its target. One early value for a new year does not move the
    overview there (twelve of thirteen indicators would read "Uppgift saknas")."""
    counts: Counter[int] = Counter()
    for of_indicator in values.values():
        counts.update(y for y in assessable_years(of_indicator) if y <= plan_year)
    if not counts:
        return plan_year
    assessable = sum(1 for v in values.values() if any(y <= plan_year for y in assessable_years(v)))
    enough = [y for y, n in counts.items() if 2 * n >= assessable]
    return max(enough) if enough else max(counts, key=lambda y: (counts[y], y))


class _Polarity(NamedTuple):
    polarity: str


def goal_rollup(plans: list[Plan]) -> dict[int, dict[Status, int]]:
    """Goal statuses counted per plan, judged from the data now, for many plans in a fixed
    number of queries. (Pages read the stored counts: see stored_rollup.)

    A municipality has thousands of indicators, so this reads plain rows, not model objects,
    and follows the same rules as a plan's own page (latest assessed year, the municipality's
    tolerance and goal rule, a hand assessment before the derived status)."""
    return {pk: counts for pk, (_year, counts) in _judged(plans).items()}


def _judged(plans: list[Plan]) -> dict[int, tuple[int, dict[Status, int]]]:
    """(assessed year, goals counted by status) per plan."""
    if not plans:
        return {}
    years = [p.year for p in plans]
    goals = list(CommitteeGoal.objects.filter(plan__in=plans).values_list("pk", "plan_id"))
    links = GoalIndicator.objects.filter(goal__plan__in=plans).values_list(
        "goal_id", "indicator_id", "indicator__polarity"
    )
    indicators_of: dict[int, list[tuple[int, str]]] = {}
    for goal_id, indicator_id, polarity in links:
        indicators_of.setdefault(goal_id, []).append((indicator_id, polarity))
    values: dict[int, list[Value]] = {}
    rows = IndicatorValue.objects.filter(
        indicator__goalindicator__goal__plan__in=plans,
        year__gte=min(years) - YEARS_BACK,
        year__lte=max(years),
    ).values_list("indicator_id", "year", "kind", "value", "comparator", "reference_year")
    for indicator_id, year, kind, value, comparator, reference_year in rows.distinct():
        values.setdefault(indicator_id, []).append(
            Value(year, kind, value, comparator, reference_year)
        )
    add_reference_outcomes(values)
    manual: dict[int, str] = {}
    assessed = (
        GoalFollowUp.objects.filter(goal__plan__in=plans, fulfilment__isnull=False)
        .order_by("occasion__position")
        .values_list("goal_id", "fulfilment__key")
    )
    for goal_id, key in assessed:
        manual[goal_id] = key  # the latest occasion's assessment wins
    goals_of: dict[int, list[int]] = {}
    for goal_id, plan_id in goals:
        goals_of.setdefault(plan_id, []).append(goal_id)
    judged = {}
    for plan in plans:
        municipality = plan.body.municipality
        tolerance = Decimal(municipality.target_tolerance)
        own = goals_of.get(plan.pk, [])
        in_window = {
            indicator_id: [
                v for v in values.get(indicator_id, [])
                if plan.year - YEARS_BACK <= v.year <= plan.year
            ]
            for goal_id in own
            for indicator_id, _ in indicators_of.get(goal_id, [])
        }  # fmt: skip
        year = assessed_year(in_window, plan.year)
        statuses: Counter[Status] = Counter()
        for goal_id in own:
            if goal_id in manual and manual[goal_id] in FULFILMENT_STATUS:
                statuses[FULFILMENT_STATUS[manual[goal_id]]] += 1
                continue
            derived = (
                assess_indicator(_Polarity(polarity), in_window[i], year, tolerance).status
                for i, polarity in indicators_of.get(goal_id, [])
            )
            statuses[goal_status(derived, municipality.goal_rule)] += 1
        judged[plan.pk] = (year, {s: statuses.get(s, 0) for s in Status})
    return judged


# Set while a bulk route runs (see deferred): the plans to count once at its end.
_pending: ContextVar[set[int] | None] = ContextVar("rollups_pending", default=None)


def keep_current(plan_ids: Iterable[int]) -> None:
    """Count the plans' goals again and store the counts. Call inside the transaction that
    changed what they are judged from, after the change; inside `deferred` it is done once,
    when the bulk route ends."""
    ids = set(plan_ids)
    if not ids:
        return
    pending = _pending.get()
    if pending is not None:
        pending |= ids
        return
    _count(ids)


def _count(plan_ids: set[int]) -> None:
    with transaction.atomic():
        # A plan deleted in the same transaction (the admin) has nothing left to count.
        existing = Plan.objects.filter(pk__in=plan_ids).values_list("pk", flat=True)
        # Rows first, then their locks in a fixed order: the second of two transactions
        # counting the same plan waits here and then reads what the first committed.
        PlanRollup.objects.bulk_create(
            [PlanRollup(plan_id=pk) for pk in sorted(existing)], ignore_conflicts=True
        )
        locked = list(
            PlanRollup.objects.select_for_update(of=("self",))
            .filter(plan_id__in=plan_ids)
            .order_by("plan_id")
            .values_list("plan_id", flat=True)
        )
        plans = list(Plan.objects.filter(pk__in=locked).select_related("body__municipality"))
        rows = []
        for pk, (year, counts) in _judged(plans).items():
            rows.append(
                PlanRollup(
                    plan_id=pk,
                    year=year,
                    met=counts[Status.MET],
                    near=counts[Status.NEAR],
                    not_met=counts[Status.NOT_MET],
                    no_data=counts[Status.NO_DATA],
                )
            )
        fields = ["year", "met", "near", "not_met", "no_data"]
        if len(rows) == 1:
            # An editor's save counts one plan: a plain UPDATE, not bulk_update's CASE per field.
            (row,) = rows
            PlanRollup.objects.filter(plan_id=row.plan_id).update(
                **{name: getattr(row, name) for name in fields}
            )
        else:
            PlanRollup.objects.bulk_update(rows, fields)


@contextmanager
def deferred() -> Iterator[None]:
    """For bulk routes (a workbook, an import): the plans their actions name are counted once,
    at the end of the block (still inside the route's transaction), not after every value."""
    if _pending.get() is not None:
        yield  # an outer bulk route counts them
        return
    pending: set[int] = set()
    token = _pending.set(pending)
    try:
        yield
    finally:
        _pending.reset(token)
    if pending:
        _count(pending)


def plans_reading(indicator: Indicator | int, year: int) -> set[int]:
    """The plans whose counts read the indicator's values of the year: plans from that year
    to YEARS_BACK after it, and plans holding a relative target measured from that year."""
    indicator_id = indicator if isinstance(indicator, int) else indicator.pk
    years = {year} | set(
        IndicatorValue.objects.filter(indicator_id=indicator_id, reference_year=year).values_list(
            "year", flat=True
        )
    )
    window = Q()
    for y in years:
        window |= Q(goal__plan__year__gte=y, goal__plan__year__lte=y + YEARS_BACK)
    return set(
        GoalIndicator.objects.filter(window, indicator_id=indicator_id).values_list(
            "goal__plan_id", flat=True
        )
    )


def plans_concerned(obj: models.Model) -> set[int]:
    """The plans whose counts may change when the object changes or is deleted (read before a
    deletion): for the admin, which can change any of them."""
    if isinstance(obj, Municipality):
        return set(Plan.objects.filter(body__municipality=obj).values_list("pk", flat=True))
    if isinstance(obj, Body):
        return set(Plan.objects.filter(body=obj).values_list("pk", flat=True))
    if isinstance(obj, Plan):
        return {obj.pk}
    if isinstance(obj, ReportOccasion):
        return {obj.plan_id}
    if isinstance(obj, CommitteeGoal):
        return {obj.plan_id}
    if isinstance(obj, GoalFollowUp | GoalIndicator):
        return set(CommitteeGoal.objects.filter(pk=obj.goal_id).values_list("plan_id", flat=True))
    if isinstance(obj, Indicator):
        return set(
            GoalIndicator.objects.filter(indicator=obj).values_list("goal__plan_id", flat=True)
        )
    if isinstance(obj, IndicatorValue):
        return plans_concerned(Indicator(pk=obj.indicator_id))
    return set()


def keep_current_for(obj: models.Model) -> None:
    """keep_current for the plans an object concerns (see plans_concerned)."""
    keep_current(plans_concerned(obj))


def stored_rollup(plans: list[Plan]) -> dict[int, dict[Status, int]]:
    """The plans' stored counts, in one query. A plan never counted (made before counts were
    stored, or restored from an older backup) is counted now and kept current from then on."""
    stored = {r.plan_id: r for r in PlanRollup.objects.filter(plan__in=plans)}
    missing = {p.pk for p in plans} - set(stored)
    if missing:
        _count(missing)
        stored |= {r.plan_id: r for r in PlanRollup.objects.filter(plan__in=missing)}
    return {
        pk: {Status.MET: r.met, Status.NEAR: r.near, Status.NOT_MET: r.not_met,
             Status.NO_DATA: r.no_data}
        for pk, r in stored.items()
    }  # fmt: skip
