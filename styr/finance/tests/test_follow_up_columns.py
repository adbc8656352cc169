"""Follow-up columns of a report occasion: outcome, forecast and a computed deviation, entered
after the plan is adopted while its own budget stays as decided."""

from datetime import date
from decimal import Decimal

import pytest
from django.contrib.auth.models import User

from styr.audit.models import AuditEntry
from styr.finance.actions import BudgetError, do_add_follow_up_columns, do_set_budget_cell
from styr.finance.models import (
    BudgetCell,
    BudgetColumn,
    BudgetRow,
    BudgetTable,
    ColumnKind,
    TableKind,
    amounts,
)
from styr.plans.actions import PlanLocked, do_change_plan_state
from styr.plans.models import Plan, ReportOccasion
from styr.testing.workflow import lock_plan

pytestmark = pytest.mark.django_db

FOLLOW_UP_LABELS = ["Utfall jan–aug 2024", "Prognos helår 2024", "Avvikelse"]


def _adopted(plan: Plan, user: User) -> Plan:
    return do_change_plan_state(
        plan, "adopt", acting_user=user, adopted_on=date(2023, 11, 22), adopted_minute="§ 1"
    )


def _prepared(plan: Plan, user: User) -> Plan:
    """The plan adopted, with the follow-up columns of the interim report in its tables."""
    plan = _adopted(plan, user)
    do_add_follow_up_columns(plan, plan.occasions.get(key="delar"), acting_user=user)
    return plan


def _drift(plan: Plan) -> BudgetTable:
    return plan.budget_tables.get(key="drift")


def _row(plan: Plan, key: str) -> BudgetRow:
    return _drift(plan).rows.get(key=key)


def _column(plan: Plan, key: str) -> BudgetColumn:
    return _drift(plan).columns.get(key=key)


def _follow_up(plan: Plan, kind: str) -> BudgetColumn:
    return _drift(plan).columns.get(occasion__key="delar", kind=kind)


def _set(plan: Plan, user: User, column: BudgetColumn, values: dict[str, str]) -> None:
    for row, amount in values.items():
        do_set_budget_cell(_row(plan, row), column, Decimal(amount), acting_user=user)


def _shown(plan: Plan, decimals: int | None = None) -> dict[tuple[str, str], Decimal]:
    """{(row key, column key): amount} of every amount the drift table shows."""
    table = _drift(plan)
    rows, columns = list(table.rows.all()), list(table.columns.all())
    found = amounts(rows, columns, decimals=decimals)
    row_keys, column_keys = {r.pk: r.key for r in rows}, {c.pk: c.key for c in columns}
    return {(row_keys[r], column_keys[c]): v for (r, c), v in found.items() if c in column_keys}


def test_it_adds_outcome_forecast_and_deviation_to_every_table_with_a_budget_for_the_year(
    editor: User, ks_plan: Plan
) -> None:
    plan = _adopted(ks_plan, editor)
    occasion = plan.occasions.get(key="delar")
    created = do_add_follow_up_columns(plan, occasion, acting_user=editor)
    tables = list(plan.budget_tables.all())
    assert len(created) == 3 * len(tables) == 12
    for table in tables:
        own = list(table.columns.filter(occasion=occasion))
        assert [c.label for c in own] == FOLLOW_UP_LABELS, table.key
        assert [c.kind for c in own] == ["outcome", "forecast", "deviation"]
        assert all(c.is_follow_up and c.year == 2024 for c in own)
        outcome, forecast, deviation = own
        assert (outcome.period_start, outcome.period_end) == (date(2024, 1, 1), date(2024, 8, 31))
        # Forecast − budget: an overrun of costs comes out negative.
        assert deviation.is_computed and deviation.formula == "forecast-delar - budget-2024"
        assert deviation.minuend == forecast
        assert deviation.subtrahend == table.columns.get(key="budget-2024")
        # After the plan's own columns, in the order of the recipe.
        positions = list(table.columns.values_list("position", flat=True))
        assert positions[-3:] == [c.position for c in own] and positions == sorted(positions)
    entry = AuditEntry.objects.for_object(plan).get(action="budget_follow_up_prepared")
    assert entry.actor == editor and entry.changes["occasion"] == "Delårsrapport 2024"
    assert (
        "Driftbudget - Belopp i miljoner kronor (Mnkr): Prognos helår 2024"
        in (entry.changes["columns"])
    )


def test_it_adds_nothing_the_second_time(editor: User, ks_plan: Plan) -> None:
    plan = _prepared(ks_plan, editor)
    before = BudgetColumn.objects.filter(table__plan=plan).count()
    again = do_add_follow_up_columns(plan, plan.occasions.get(key="delar"), acting_user=editor)
    assert again == []
    assert BudgetColumn.objects.filter(table__plan=plan).count() == before
    prepared = AuditEntry.objects.for_object(plan).filter(action="budget_follow_up_prepared")
    assert prepared.count() == 1


def test_it_compares_with_the_revised_budget_where_the_table_has_one(
    editor: User, ks_plan: Plan
) -> None:
    table = _drift(ks_plan)
    revised = BudgetColumn.objects.create(
        table=table, key="rev-2024", kind=ColumnKind.REVISED_BUDGET, year=2024, position=5
    )
    plan = _prepared(ks_plan, editor)
    assert _follow_up(plan, "deviation").subtrahend == revised


def test_a_table_without_a_budget_for_the_year_gets_no_deviation(
    editor: User, ks_plan: Plan
) -> None:
    table = BudgetTable.objects.create(
        plan=ks_plan, key="ny", kind=TableKind.OPERATING, title="Ny tabell", position=99
    )
    BudgetColumn.objects.create(table=table, key="budget-2025", kind="budget", year=2025)
    plan = _prepared(ks_plan, editor)
    labels = [c.label for c in table.columns.filter(occasion__key="delar")]
    assert labels == ["Utfall jan–aug 2024", "Prognos helår 2024"]
    assert _drift(plan).columns.filter(occasion__key="delar").count() == 3


def test_it_takes_outcome_and_forecast_in_the_follow_up_columns_after_adoption(
    editor: User, ks_plan: Plan
) -> None:
    plan = _prepared(ks_plan, editor)
    outcome, forecast = _follow_up(plan, "outcome"), _follow_up(plan, "forecast")
    _set(plan, editor, outcome, {"intakter": "12.0", "personalkostnader": "-63.5"})
    _set(plan, editor, forecast, {"intakter": "18.2"})
    assert BudgetCell.objects.get(row=_row(plan, "intakter"), column=outcome).amount == 12
    assert BudgetCell.objects.get(
        row=_row(plan, "personalkostnader"), column=outcome
    ).amount == Decimal("-63.5")
    assert BudgetCell.objects.get(row=_row(plan, "intakter"), column=forecast).amount == Decimal(
        "18.2"
    )
    entry = AuditEntry.objects.filter(action="budget_amount_set", actor=editor).first()
    assert entry is not None and entry.changes["column"] == "forecast-delar"
    assert entry.changes["amount"] == [None, "18.2"]
    # Cleared again with None.
    assert do_set_budget_cell(_row(plan, "intakter"), forecast, None, acting_user=editor) is None
    assert not BudgetCell.objects.filter(column=forecast).exists()


def test_it_refuses_the_decided_budget_once_adopted_and_says_why(
    editor: User, ks_plan: Plan
) -> None:
    plan = _prepared(ks_plan, editor)
    with pytest.raises(PlanLocked, match="budgeten") as refused:
        do_set_budget_cell(
            _row(plan, "intakter"), _column(plan, "budget-2024"), Decimal("20"),
            acting_user=editor,
        )  # fmt: skip
    assert "fastställd" in str(refused.value)
    assert "förs in per rapporttillfälle tills planen låses" in str(refused.value)
    entry = AuditEntry.objects.for_object(plan).get(action="write_refused")
    assert entry.actor == editor
    assert entry.changes == {"action": "budget drift/intakter/budget-2024", "state": "adopted"}
    cell = BudgetCell.objects.get(row=_row(plan, "intakter"), column=_column(plan, "budget-2024"))
    assert cell.amount == Decimal("17.7")


def test_it_refuses_to_type_a_computed_deviation(editor: User, ks_plan: Plan) -> None:
    plan = _prepared(ks_plan, editor)
    deviation = _follow_up(plan, "deviation")
    with pytest.raises(BudgetError, match="räknas fram") as refused:
        do_set_budget_cell(_row(plan, "intakter"), deviation, Decimal("1"), acting_user=editor)
    assert "Prognos helår 2024 − Budget 2024" in str(refused.value)
    assert not BudgetCell.objects.filter(column=deviation).exists()


def test_it_refuses_a_computed_deviation_before_adoption_too(editor: User, ks_plan: Plan) -> None:
    do_add_follow_up_columns(ks_plan, ks_plan.occasions.get(key="delar"), acting_user=editor)
    with pytest.raises(BudgetError):
        do_set_budget_cell(
            _row(ks_plan, "intakter"), _follow_up(ks_plan, "deviation"), Decimal("1"),
            acting_user=editor,
        )  # fmt: skip


def test_it_refuses_follow_up_once_the_plan_is_locked(editor: User, ks_plan: Plan) -> None:
    plan = _prepared(ks_plan, editor)
    forecast = _follow_up(plan, "forecast")
    _set(plan, editor, forecast, {"intakter": "18.2"})
    plan = lock_plan(plan)
    with pytest.raises(PlanLocked, match="låst") as refused:
        do_set_budget_cell(_row(plan, "intakter"), forecast, Decimal("19"), acting_user=editor)
    assert "budgeten är en del av beslutet" not in str(refused.value)
    assert BudgetCell.objects.get(column=forecast).amount == Decimal("18.2")
    with pytest.raises(PlanLocked):
        do_add_follow_up_columns(plan, plan.occasions.get(key="arsrapport"), acting_user=editor)
    assert not BudgetColumn.objects.filter(occasion__key="arsrapport", table__plan=plan).exists()
    refusals = AuditEntry.objects.for_object(plan).filter(action="write_refused")
    assert sorted(e.changes["action"] for e in refusals) == [
        "add follow-up columns arsrapport",
        "budget drift/intakter/forecast-delar",
    ]


def test_it_computes_the_deviation_as_forecast_minus_budget(editor: User, ks_plan: Plan) -> None:
    plan = _prepared(ks_plan, editor)
    _set(
        plan, editor, _follow_up(plan, "forecast"),
        {"intakter": "18.2", "personalkostnader": "-96.1", "ovriga-kostnader": "-131.0"},
    )  # fmt: skip
    shown = _shown(plan)
    deviation = {row: shown.get((row, "deviation-delar")) for row, _ in shown}
    assert deviation == {
        "intakter": Decimal("0.5"),
        "personalkostnader": Decimal("-1.8"),
        "ovriga-kostnader": Decimal("-2.0"),
        # No budget and no forecast for 2024: nothing to compare.
        "effektiviseringskrav": None,
        # The forecast's derived sum −208,9 against the stated budget sum −205,6.
        "nettokostnader": Decimal("-3.3"),
    }
    assert shown[("nettokostnader", "forecast-delar")] == Decimal("-208.9")
    # The outcome has no amounts yet: no sum either.
    assert ("nettokostnader", "outcome-delar") not in shown


def test_a_half_reported_forecast_is_not_set_against_the_whole_budget(
    editor: User, ks_plan: Plan
) -> None:
    plan = _prepared(ks_plan, editor)
    _set(plan, editor, _follow_up(plan, "forecast"), {"intakter": "18.2"})

    shown = _shown(plan)

    # The sum row's deviation adds the rows' deviations: only Intäkter is reported so far.
    assert shown[("nettokostnader", "deviation-delar")] == Decimal("0.5")


def test_a_printed_deviation_is_taken_of_the_rounded_amounts(editor: User, ks_plan: Plan) -> None:
    plan = _prepared(ks_plan, editor)
    _set(plan, editor, _follow_up(plan, "forecast"), {"intakter": "18.24"})
    assert _shown(plan)[("intakter", "deviation-delar")] == Decimal("0.54")
    # 18,2 − 17,7 as printed with one decimal.
    assert _shown(plan, decimals=1)[("intakter", "deviation-delar")] == Decimal("0.5")


def test_a_deviation_shown_alone_still_reads_its_columns(editor: User, ks_plan: Plan) -> None:
    plan = _prepared(ks_plan, editor)
    _set(
        plan, editor, _follow_up(plan, "forecast"),
        {"intakter": "18.2", "personalkostnader": "-96.1", "ovriga-kostnader": "-131.0"},
    )  # fmt: skip
    deviation = _follow_up(plan, "deviation")
    rows = list(_drift(plan).rows.all())
    found = amounts(rows, [deviation])
    by_key = {r.key: found.get((r.pk, deviation.pk)) for r in rows}
    assert by_key["intakter"] == Decimal("0.5")
    assert by_key["nettokostnader"] == Decimal("-3.3")


def test_the_plan_itself_has_no_follow_up_columns(editor: User, ks_plan: Plan) -> None:
    plan = _adopted(ks_plan, editor)
    with pytest.raises(BudgetError, match="Planen själv har ingen uppföljning"):
        do_add_follow_up_columns(plan, plan.occasions.get(key="plan"), acting_user=editor)
    assert not BudgetColumn.objects.filter(table__plan=plan, occasion__isnull=False).exists()


def test_an_occasion_of_another_plan_is_refused(editor: User, ks_plan: Plan) -> None:
    other = ReportOccasion.objects.exclude(plan=ks_plan).filter(kind="interim").first()
    assert other is not None
    with pytest.raises(ValueError, match="is not an occasion of"):
        do_add_follow_up_columns(ks_plan, other, acting_user=editor)
    assert not BudgetColumn.objects.filter(occasion=other).exists()
