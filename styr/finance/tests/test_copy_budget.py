"""Copying a plan to next year carries its budget forward as the previous-year column and
gives its follow-up columns to the new plan's report occasions, never to this year's."""

from datetime import date
from decimal import Decimal

import pytest

from styr.finance.actions import do_add_follow_up_columns
from styr.finance.models import BudgetCell
from styr.plans.actions import do_change_plan_state
from styr.plans.copying import do_copy_plan_to_next_year
from styr.plans.models import Plan

pytestmark = pytest.mark.django_db


def test_it_carries_the_decided_budget_as_the_previous_year(ks_plan: Plan) -> None:
    new = do_copy_plan_to_next_year(ks_plan, acting_user=None)

    table = new.budget_tables.get(key="drift")
    previous = table.columns.get(key="budget-2024")
    amounts = {c.row.key: c.amount for c in BudgetCell.objects.filter(column=previous)}
    assert amounts["intakter"] == Decimal("17.7")
    assert amounts["nettokostnader"] == Decimal("-205.6")
    # The new plan's own years are for the officials to fill in.
    assert not BudgetCell.objects.filter(column__table=table, column__year__gte=2025).exists()


def test_follow_up_columns_belong_to_the_new_plans_occasions(ks_plan: Plan) -> None:
    plan = do_change_plan_state(
        ks_plan, "adopt", acting_user=None, adopted_on=date(2023, 11, 30), adopted_minute="§ 1"
    )
    do_add_follow_up_columns(plan, plan.occasions.get(key="delar"), acting_user=None)

    new = do_copy_plan_to_next_year(plan, acting_user=None)

    columns = {c.key: c for c in new.budget_tables.get(key="drift").columns.all()}
    outcome, deviation = columns["outcome-delar"], columns["deviation-delar"]
    assert outcome.occasion is not None and outcome.occasion.plan_id == new.pk
    assert outcome.label == "Utfall jan–aug 2025"
    assert deviation.minuend == columns["forecast-delar"]
    assert deviation.subtrahend == columns["budget-2025"]
