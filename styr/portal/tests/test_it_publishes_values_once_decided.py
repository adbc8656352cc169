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
    years = DecidedYears(first=2024, plans={2024, 2025}, annual={2024}, interim={2025})
    assert years.shows(2022, ValueKind.OUTCOME, ValueSource.MANUAL)  # history
    assert years.shows(2026, ValueKind.OUTCOME, ValueSource.KOLADA)
    assert years.shows(2025, ValueKind.TARGET, ValueSource.MANUAL)
    assert not years.shows(2026, ValueKind.TARGET, ValueSource.MANUAL)  # no public plan yet
    assert years.shows(2024, ValueKind.OUTCOME, ValueSource.MANUAL)
    assert not years.shows(2025, ValueKind.OUTCOME, ValueSource.MANUAL)
    assert years.shows(2025, ValueKind.FORECAST, ValueSource.MANUAL)
    assert not years.shows(2026, ValueKind.FORECAST, ValueSource.MANUAL)


def test_it_keeps_a_draft_plans_target_and_an_open_years_outcome_out(adopted_plan: Plan) -> None:
    # Next year's plan is a draft, and this year's annual report is open, when the year turns.
    from styr.indicators.actions import do_set_indicator_value
    from styr.plans.copying import do_copy_plan_to_next_year

    draft = do_copy_plan_to_next_year(adopted_plan, acting_user=None)
    indicator = _indicator(adopted_plan)
    do_set_indicator_value(indicator, plan=draft, year=2025, kind=ValueKind.TARGET,
                           value=Decimal("98765"), acting_user=None)  # fmt: skip
    do_set_indicator_value(indicator, plan=adopted_plan, year=2024, kind=ValueKind.OUTCOME,
                           value=Decimal("54321"), acting_user=None)  # fmt: skip
    status, page = portal_get(client_for(None), f"/oppen/marks/KS/indikator/{indicator.key}/")
    assert status == 200
    assert "98 765" not in page and "54 321" not in page
