"""An indicator's targets are public with the plan; an outcome of the plan's own year only once
the annual report that gives it is adopted."""

from decimal import Decimal

import pytest

from styr.indicators.models import Indicator, IndicatorValue, ValueKind, ValueSource
from styr.plans.models import Plan
from styr.portal.published import DecidedYears
from styr.portal.tests.conftest import portal_get
from styr.testing.workflow import adopt_reports
from styr.web.tests.helpers import client_for

pytestmark = pytest.mark.django_db


def _indicator(plan: Plan) -> Indicator:
    goal = plan.goals.filter(indicators__isnull=False).order_by("position")[0]
    return goal.indicators.order_by("goalindicator__position")[0]


def test_it_shows_this_years_outcome_only_after_the_annual_report(adopted_plan: Plan) -> None:
    indicator = _indicator(adopted_plan)
    IndicatorValue.objects.update_or_create(
        indicator=indicator, year=2024, kind=ValueKind.OUTCOME,
        defaults={"value": Decimal("4711.5"), "source": ValueSource.MANUAL},
    )  # fmt: skip
    path = f"/oppen/marks/KS/indikator/{indicator.key}/"
    status, page = portal_get(client_for(None), path)
    assert status == 200 and "4 711,5" not in page
    adopt_reports(adopted_plan)
    status, page = portal_get(client_for(None), path)
    assert status == 200 and "4 711,5" in page


def test_it_reads_each_kind_of_value_by_the_decisions_made() -> None:
    years = DecidedYears(before=2024, annual={2023}, interim={2023, 2024})
    assert years.shows(2026, ValueKind.TARGET, ValueSource.MANUAL)
    assert years.shows(2022, ValueKind.OUTCOME, ValueSource.MANUAL)
    assert years.shows(2024, ValueKind.OUTCOME, ValueSource.KOLADA)
    assert not years.shows(2024, ValueKind.OUTCOME, ValueSource.MANUAL)
    assert years.shows(2024, ValueKind.FORECAST, ValueSource.MANUAL)
    assert not years.shows(2025, ValueKind.FORECAST, ValueSource.MANUAL)
