"""After adoption the workbook takes the budget outcome and forecast of a report occasion in
the occasion's own columns, shows the computed deviation as a formula, and refuses a change to
the decided budget, naming the cell."""

from decimal import Decimal
from io import BytesIO

import pytest
from django.contrib.auth.models import User
from openpyxl import load_workbook
from openpyxl.workbook.workbook import Workbook

from styr.excel.actions import do_import_workbook
from styr.excel.read import read_workbook
from styr.excel.tests.helpers import cell_of, edited, exported, snapshot
from styr.finance.models import BudgetCell
from styr.plans.models import Plan
from styr.testing.workflow import lock_plan

pytestmark = pytest.mark.django_db

SHEET = "Budget drift"
OUTCOME = "Utfall jan–aug 2024 (Delårsrapport 2024)"
FORECAST = "Prognos helår 2024 (Delårsrapport 2024)"
DEVIATION = "Avvikelse (Delårsrapport 2024)"


def test_it_takes_outcome_and_forecast_of_the_interim_report(
    adopted_plan: Plan, editor: User
) -> None:
    data = exported(adopted_plan)
    outcome = cell_of(data, SHEET, "intakter", OUTCOME)
    forecast = cell_of(data, SHEET, "intakter", FORECAST)

    def edit(book: Workbook) -> None:
        book[SHEET][outcome] = "12,4"
        book[SHEET][forecast] = 18.9

    summary = do_import_workbook(edited(data, edit), plan=adopted_plan, acting_user=editor)

    assert summary.by_sheet == {SHEET: 2}
    cells = BudgetCell.objects.filter(row__table__plan=adopted_plan, row__key="intakter")
    by_column = {c.column.key: c.amount for c in cells.select_related("column")}
    assert by_column["outcome-delar"] == Decimal("12.4")
    assert by_column["forecast-delar"] == Decimal("18.9")


def test_the_deviation_is_a_formula_and_not_for_typing(adopted_plan: Plan) -> None:
    data = exported(adopted_plan)
    deviation = cell_of(data, SHEET, "intakter", DEVIATION)
    forecast = cell_of(data, SHEET, "intakter", FORECAST)
    budget = cell_of(data, SHEET, "intakter", "Budget 2024")
    sheet = load_workbook(BytesIO(data))[SHEET]

    # Forecast − budget, the sign convention of the shipped interim columns.
    assert sheet[deviation].value == f"={forecast}-{budget}"
    assert sheet[deviation].protection.locked
    assert not sheet[forecast].protection.locked


def test_a_changed_budget_amount_is_refused_and_nothing_is_written(adopted_plan: Plan) -> None:
    data = exported(adopted_plan)
    budget = cell_of(data, SHEET, "intakter", "Budget 2024")
    forecast = cell_of(data, SHEET, "intakter", FORECAST)

    def edit(book: Workbook) -> None:
        book[SHEET][budget] = 20
        book[SHEET][forecast] = 18.9

    before = snapshot()
    errors = [str(e) for e in read_workbook(edited(data, edit), plan=adopted_plan).errors]

    assert errors == [
        f"{SHEET}!{budget}: "
        "KS Nämndplan 2024 är fastställd, och budgeten är en del av beslutet och kan inte "
        "ändras. Utfall, prognoser, status och kommentarer förs in per rapporttillfälle tills "
        "planen låses."
    ]
    assert snapshot() == before


def test_a_locked_plan_refuses_the_budget_follow_up(adopted_plan: Plan) -> None:
    data = exported(adopted_plan)
    forecast = cell_of(data, SHEET, "intakter", FORECAST)
    plan = lock_plan(adopted_plan)

    def edit(book: Workbook) -> None:
        book[SHEET][forecast] = 18.9

    errors = [str(e) for e in read_workbook(edited(data, edit), plan=plan).errors]
    assert errors == [f"{SHEET}!{forecast}: KS Nämndplan 2024 är låst och kan inte ändras."]
