"""A plan file imported into an adopted plan brings its follow-up and nothing else: outcomes,
forecasts, statuses and the budget outcome of a report occasion are applied; a change of a
target, a budget amount, a goal or the plan's state is refused with file, line and field, the
refusal is in the audit log, and nothing is written. A locked plan takes no follow-up either."""

from decimal import Decimal
from pathlib import Path

import pytest

from styr.audit.models import AuditEntry
from styr.finance.models import BudgetCell
from styr.indicators.models import IndicatorValue
from styr.planfiles.actions import do_import_plan_files
from styr.planfiles.nodes import PlanFileError
from styr.planfiles.tests.helpers import export_files
from styr.plans.models import Plan, PlanState
from styr.testing.workflow import lock_plan

pytestmark = pytest.mark.django_db


def _edit(path: Path, old: str, new: str) -> int:
    """Replace the first occurrence of `old`; return the 1-based line it is on."""
    text = path.read_text(encoding="utf-8")
    at = text.index(old)
    path.write_text(text[:at] + new + text[at + len(old) :], encoding="utf-8")
    return text.count("\n", 0, at) + 1


def _state() -> tuple[object, ...]:
    return (
        list(IndicatorValue.objects.order_by("pk").values_list("pk", "value", "comparator")),
        list(BudgetCell.objects.order_by("pk").values_list("pk", "amount")),
        list(Plan.objects.order_by("pk").values_list("pk", "state", "title")),
    )


def _refused(files: list[Path]) -> PlanFileError:
    before = _state()
    with pytest.raises(PlanFileError) as caught:
        do_import_plan_files(files, acting_user=None)
    assert _state() == before, "a refused import leaves the database unchanged"
    return caught.value


def test_it_applies_the_budget_outcome_and_forecast_of_the_interim_report(
    adopted_plan: Plan, tmp_path: Path
) -> None:
    files = list(export_files(adopted_plan, tmp_path))
    _edit(
        files[1],
        "cells: {budget-2023: 12.8",
        "cells: {outcome-delar: 11.2, forecast-delar: 18.1, budget-2023: 12.8",
    )
    _edit(files[1], "2024: {target: ≥ 96}", "2024: {forecast: 81, target: ≥ 96}")

    result = do_import_plan_files(files, acting_user=None)

    assert result.tally.created == {"belopp": 2, "indikatorvärden": 1}
    row = adopted_plan.budget_tables.get(key="drift").rows.get(key="intakter")
    amounts = {c.column.key: c.amount for c in row.cells.select_related("column")}
    assert amounts["outcome-delar"] == Decimal("11.2")
    assert amounts["forecast-delar"] == Decimal("18.1")
    assert IndicatorValue.objects.get(
        indicator__key="nya-bostader", year=2024, kind="forecast"
    ).value == Decimal(81)
    adopted_plan.refresh_from_db()
    assert adopted_plan.state == PlanState.ADOPTED


def test_it_refuses_a_changed_target_naming_file_line_and_field(
    adopted_plan: Plan, tmp_path: Path
) -> None:
    files = list(export_files(adopted_plan, tmp_path))
    line = _edit(files[1], "2024: {target: ≥ 96}", "2024: {target: ≥ 90}")

    error = _refused(files)

    assert (error.file, error.line) == ("ks-2024.yaml", line)
    assert error.path.endswith("values[2024].target")
    assert "men KS Nämndplan 2024 är fastställd" in error.message
    assert "skulle ändra mål 2024" in error.message
    entry = AuditEntry.objects.filter(action="write_refused").latest("pk")
    assert entry.changes["action"] == "import plan file"


def test_it_refuses_a_changed_budget_amount(adopted_plan: Plan, tmp_path: Path) -> None:
    files = list(export_files(adopted_plan, tmp_path))
    line = _edit(files[1], "budget-2024: 17.7", "budget-2024: 19.7")

    error = _refused(files)

    assert error.line == line
    assert error.path.endswith("cells.budget-2024")
    assert "skulle ändra belopp (belopp)" in error.message


def test_it_refuses_a_removed_goal(adopted_plan: Plan, tmp_path: Path) -> None:
    files = list(export_files(adopted_plan, tmp_path))
    text = files[1].read_text(encoding="utf-8")
    # Drop the last goal's whole entry, up to the next section.
    end = text.index("\nmetric_groups:")
    start = text.rindex("\n- key:", 0, end)
    files[1].write_text(text[:start] + text[end:], encoding="utf-8")

    error = _refused(files)

    assert error.path == "goals"
    assert "skulle ta bort nämndmål" in error.message and "är fastställd" in error.message


def test_it_refuses_to_change_the_plans_state(adopted_plan: Plan, tmp_path: Path) -> None:
    files = list(export_files(adopted_plan, tmp_path))
    line = _edit(files[1], "state: adopted", "state: draft")

    error = _refused(files)

    assert (error.line, error.path) == (line, "state")
    assert "en inläsning ändrar inte en plans status" in error.message


def test_a_draft_plan_refuses_a_state_from_a_file_too(ks_plan: Plan, tmp_path: Path) -> None:
    files = list(export_files(ks_plan, tmp_path))
    _edit(files[1], "state: draft", "state: locked")

    error = _refused(files)

    assert "använd `styr plan" in error.message


def test_a_locked_plan_refuses_follow_up(adopted_plan: Plan, tmp_path: Path) -> None:
    plan = lock_plan(adopted_plan)
    files = list(export_files(plan, tmp_path))
    _edit(files[1], "2024: {target: ≥ 96}", "2024: {forecast: 81, target: ≥ 96}")

    error = _refused(files)

    assert "är låst" in error.message and "skulle lägga till prognos 2024" in error.message


def test_an_unchanged_file_of_an_adopted_plan_changes_nothing(
    adopted_plan: Plan, tmp_path: Path
) -> None:
    files = list(export_files(adopted_plan, tmp_path))
    result = do_import_plan_files(files, acting_user=None)
    assert not result.tally.changed()
