"""Budget columns in plan files: labels, occasions, periods and formulas round-trip, and a bad
formula, label or cell is refused with file, line and field, nothing written."""

from pathlib import Path

import pytest
from django.core.exceptions import ValidationError

from styr.finance.models import BudgetColumn
from styr.planfiles.actions import do_import_plan_files
from styr.planfiles.nodes import PlanFileError
from styr.planfiles.tests.helpers import export_files
from styr.plans.models import Plan

pytestmark = pytest.mark.django_db

BUDGET = "  - {key: budget-2024, kind: budget, year: 2024}\n"


def _with_columns(files: tuple[Path, Path], columns: str, cells: str = "") -> int:
    """Add columns after the drift table's budget-2024; return the line of the first."""
    path = files[1]
    text = path.read_text(encoding="utf-8")
    at = text.index(BUDGET) + len(BUDGET)
    text = text[:at] + columns + text[at:]
    if cells:
        text = text.replace("cells: {budget-2023: 12.8", "cells: {" + cells + ", budget-2023: 12.8")
    path.write_text(text, encoding="utf-8")
    return text.count("\n", 0, at) + 1


def _refused(files: tuple[Path, Path]) -> PlanFileError:
    before = list(BudgetColumn.objects.order_by("pk").values_list("pk", "key", "minuend"))
    with pytest.raises(PlanFileError) as caught:
        do_import_plan_files(list(files), acting_user=None)
    assert list(BudgetColumn.objects.order_by("pk").values_list("pk", "key", "minuend")) == before
    return caught.value


TERTIAL = (
    "  - {key: t1, kind: outcome, year: 2024, label: 'Tertial {period}', occasion: delar,"
    " from: 2024-01-01, to: 2024-04-30}\n"
    "  - {key: aterstar, kind: deviation, year: 2024, label: Återstår, occasion: delar,"
    " formula: budget-2024 - t1}\n"
)


def test_columns_with_label_period_and_formula_come_back_as_written(
    ks_plan: Plan, tmp_path: Path
) -> None:
    files = export_files(ks_plan, tmp_path)
    _with_columns(files, TERTIAL, cells="t1: 6.1")
    do_import_plan_files(list(files), acting_user=None)

    table = ks_plan.budget_tables.get(key="drift")
    remaining = table.columns.get(key="aterstar")
    assert (remaining.label, remaining.formula) == ("Återstår", "budget-2024 - t1")
    assert table.columns.get(key="t1").label == "Tertial jan–apr 2024"
    (tmp_path / "again").mkdir()
    again = export_files(ks_plan, tmp_path / "again")
    assert "label: Återstår, occasion: delar, formula: budget-2024 - t1}" in again[1].read_text(
        encoding="utf-8"
    )
    assert not do_import_plan_files(list(again), acting_user=None).tally.changed()


@pytest.mark.parametrize(
    ("formula", "message"),
    [
        ("budget-2024 - nowhere", "”nowhere” är ingen kolumn i tabellen (kolumnerna: "),
        ("budget-2024 - aterstar", "en avvikelse kan inte räknas ut från sig själv"),
        ("budget-2024", "skriv formeln som två kolumnnycklar med ett minustecken"),
    ],
)
def test_a_bad_formula_is_refused_at_its_line(
    ks_plan: Plan, tmp_path: Path, formula: str, message: str
) -> None:
    files = export_files(ks_plan, tmp_path)
    line = _with_columns(files, TERTIAL.replace("budget-2024 - t1", formula))

    error = _refused(files)

    assert error.line == line + 1
    assert error.path.endswith("columns[4].formula")
    assert message in error.message


def test_a_formula_on_a_column_that_is_no_deviation_is_refused(
    ks_plan: Plan, tmp_path: Path
) -> None:
    files = export_files(ks_plan, tmp_path)
    _with_columns(
        files, "  - {key: p, kind: forecast, year: 2024, formula: budget-2024 - budget-2023}\n"
    )
    assert "bara en avvikelsekolumn" in _refused(files).message


def test_cells_in_a_computed_column_are_refused(ks_plan: Plan, tmp_path: Path) -> None:
    files = export_files(ks_plan, tmp_path)
    _with_columns(files, TERTIAL, cells="aterstar: 3")
    error = _refused(files)
    assert "”aterstar” räknas ut med formeln (budget-2024 - t1)" in error.message


def test_an_unknown_placeholder_in_a_label_is_refused(ks_plan: Plan, tmp_path: Path) -> None:
    files = export_files(ks_plan, tmp_path)
    _with_columns(files, TERTIAL.replace("'Tertial {period}'", "'Tertial {yaer}'"))
    error = _refused(files)
    assert error.path.endswith("columns[3].label")
    assert "{yaer} är ingen platshållare" in error.message


def test_the_admin_meets_the_same_formula_rule(ks_plan: Plan) -> None:
    # The admin saves through full_clean: the model's clean holds the rule every route shares.
    drift = ks_plan.budget_tables.get(key="drift")
    other = ks_plan.budget_tables.exclude(pk=drift.pk).first()
    assert other is not None
    column = BudgetColumn(table=drift, key="x", kind="deviation", year=2024)
    column.minuend = drift.columns.get(key="budget-2024")
    column.subtrahend = other.columns.first()
    with pytest.raises(ValidationError, match="är en kolumn i en annan tabell"):
        column.full_clean()
