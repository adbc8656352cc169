"""An indicator's status against its target, and a goal's from its indicators."""

from decimal import Decimal

import pytest

from styr.indicators.assessment import Status, assess_indicator, goal_status
from styr.indicators.models import Indicator, IndicatorValue, Polarity, ValueKind


def _indicator(polarity: str = Polarity.HIGHER_IS_BETTER) -> Indicator:
    return Indicator(key="x", name="X", polarity=polarity)


def _values(*items: tuple[str, str, str]) -> list[IndicatorValue]:
    return [
        IndicatorValue(year=2024, kind=kind, value=Decimal(value), comparator=comparator)
        for kind, value, comparator in items
    ]


@pytest.mark.parametrize(
    ("result", "target", "comparator", "expected"),
    [
        ("100", "96", "≥", Status.MET),
        ("93", "96", "≥", Status.NEAR),  # within 5 % of the target
        ("80", "96", "≥", Status.NOT_MET),
        ("3.4", "3.5", "≤", Status.MET),
        ("3.6", "3.5", "≤", Status.NEAR),
        ("4.5", "3.5", "≤", Status.NOT_MET),
        ("10", "10", "=", Status.MET),
        ("10", "10", ">", Status.NEAR),
    ],
)
def test_it_compares_the_result_with_the_target(
    result: str, target: str, comparator: str, expected: Status
) -> None:
    values = _values((ValueKind.OUTCOME, result, ""), (ValueKind.TARGET, target, comparator))
    assert assess_indicator(_indicator(), values, 2024, Decimal(5)).status == expected


def test_a_target_without_comparator_follows_the_polarity() -> None:
    values = _values((ValueKind.OUTCOME, "12", ""), (ValueKind.TARGET, "10", ""))
    lower = _indicator(Polarity.LOWER_IS_BETTER)
    assert assess_indicator(lower, values, 2024, Decimal(5)).status == Status.NOT_MET
    assert assess_indicator(_indicator(), values, 2024, Decimal(5)).status == Status.MET


def test_the_outcome_goes_before_the_interim_outcome_and_the_forecast() -> None:
    values = _values(
        (ValueKind.FORECAST, "50", ""), (ValueKind.OUTCOME, "99", ""), (ValueKind.TARGET, "96", "≥")
    )
    assessment = assess_indicator(_indicator(), values, 2024, Decimal(5))
    assert assessment.status == Status.MET and assessment.result is not None
    assert assessment.result.kind == ValueKind.OUTCOME


def test_no_target_or_no_result_is_no_data() -> None:
    assert (
        assess_indicator(
            _indicator(), _values((ValueKind.OUTCOME, "5", "")), 2024, Decimal(5)
        ).status
        == Status.NO_DATA
    )
    assert assess_indicator(_indicator(), [], 2024, Decimal(5)).status == Status.NO_DATA


def test_a_goal_takes_its_worst_indicator_or_the_majority() -> None:
    statuses = [Status.MET, Status.MET, Status.NEAR, Status.NO_DATA]
    assert goal_status(statuses, "worst") == Status.NEAR
    assert goal_status(statuses, "majority") == Status.MET
    assert goal_status([Status.MET, Status.NOT_MET], "majority") == Status.NOT_MET  # tie: worse
    assert goal_status([Status.NO_DATA], "worst") == Status.NO_DATA
