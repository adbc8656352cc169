"""Assessing indicators and goals: met, nearly met, not met, or no data.

An indicator's status for a year compares the year's result (outcome, else interim outcome,
else forecast) with its target and comparator. Within the municipality's tolerance of the
target it is nearly met. A goal's status follows from its indicators by the municipality's
rule, unless an editor has assessed the goal by hand.
"""

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import NamedTuple, Protocol

from django.db import models
from django.utils.translation import gettext_lazy as _

from styr.indicators.models import Indicator, Polarity, ValueKind
from styr.indicators.targets import reference_outcome


class Status(models.TextChoices):
    MET = "met", _("Uppfyllt")
    NEAR = "near", _("Nära målet")
    NOT_MET = "not_met", _("Ej uppfyllt")
    NO_DATA = "no_data", _("Uppgift saknas")


# Worst first: the order a "worst indicator decides" rule reads.
SEVERITY = [Status.NOT_MET, Status.NEAR, Status.MET]
RESULT_KINDS = [ValueKind.OUTCOME, ValueKind.INTERIM_OUTCOME, ValueKind.FORECAST]


class ValueLike(Protocol):
    """What an assessment reads of a value: an IndicatorValue, or a Value read in bulk."""

    @property
    def year(self) -> int: ...
    @property
    def kind(self) -> str: ...
    @property
    def value(self) -> Decimal: ...
    @property
    def comparator(self) -> str: ...
    @property
    def reference_year(self) -> int | None: ...


class Value(NamedTuple):
    """A value read without building a model instance, for pages that assess many."""

    year: int
    kind: str
    value: Decimal
    comparator: str
    reference_year: int | None = None


@dataclass(frozen=True)
class Assessment:
    status: Status
    result: ValueLike | None = None
    target: ValueLike | None = None


class HasPolarity(Protocol):
    @property
    def polarity(self) -> str: ...


def _comparator(indicator: HasPolarity, target: ValueLike) -> str:
    if target.comparator:
        return target.comparator
    return "≤" if indicator.polarity == Polarity.LOWER_IS_BETTER else "≥"


def meets(comparator: str, value: Decimal, target: Decimal) -> bool:
    if comparator == "≤":
        return value <= target
    if comparator == "<":
        return value < target
    if comparator == ">":
        return value > target
    if comparator == "=":
        return value == target
    return value >= target


def result_kinds(occasion_kind: str | None) -> list[ValueKind]:
    """The values a status judges, first found first: an annual report judges the year's
    outcome only; an interim report and the plan's pages take the interim outcome, else the
    forecast, while the year's outcome is not in."""
    if occasion_kind == "annual":
        return [ValueKind.OUTCOME]
    return RESULT_KINDS


def assess_indicator(
    indicator: Indicator | HasPolarity,
    values: Iterable[ValueLike],
    year: int,
    tolerance: Decimal,
    kinds: list[ValueKind] = RESULT_KINDS,
) -> Assessment:
    """The indicator's status for a year, from values already fetched (no queries). The one
    rule for the web and the documents; `kinds` are the values judged (see result_kinds)."""
    values = list(values)
    of_year = [v for v in values if v.year == year]
    target = next((v for v in of_year if v.kind == ValueKind.TARGET), None)
    result = next((v for kind in kinds for v in of_year if v.kind == kind), None)
    if target is None or result is None:
        return Assessment(Status.NO_DATA, result, target)
    goal = target_value(target, values)
    if goal is None:
        return Assessment(Status.NO_DATA, result, target)  # no outcome of the reference year
    comparator = _comparator(indicator, target)
    if meets(comparator, result.value, goal):
        return Assessment(Status.MET, result, target)
    margin = abs(goal) * tolerance / 100
    if abs(result.value - goal) <= margin:
        return Assessment(Status.NEAR, result, target)
    return Assessment(Status.NOT_MET, result, target)


def target_value(target: ValueLike, values: Iterable[ValueLike]) -> Decimal | None:
    """The number a result is held against: the target's value, or for a relative target the
    reference year's outcome plus the required change."""
    if target.reference_year is None:
        return target.value
    base = reference_outcome(values, target.reference_year)
    return None if base is None else base + target.value


def assessable_years(values: Iterable[ValueLike]) -> set[int]:
    """The years in which the values hold both a result and a target."""
    values = list(values)
    targets = {v.year for v in values if v.kind == ValueKind.TARGET}
    results = {v.year for v in values if v.kind in RESULT_KINDS}
    return targets & results


def goal_status(statuses: Iterable[Status], rule: str) -> Status:
    """A goal's status from its indicators'. Indicators without data do not count."""
    known = [s for s in statuses if s != Status.NO_DATA]
    if not known:
        return Status.NO_DATA
    if rule == "majority":
        counts: Counter[Status] = Counter(known)
        best = max(counts.values())
        # A tie goes to the worse status: a goal is not called met on a coin toss.
        return next(s for s in SEVERITY if counts[s] == best)
    return next(s for s in SEVERITY if s in known)
