"""A report occasion's last day to report (`deadline:`) goes through plan files as it goes
through the web: exported, imported, and changed in an adopted plan while the report is open,
refused once the report is adopted."""

from datetime import date
from pathlib import Path

import pytest

from styr.planfiles.actions import do_import_plan_files
from styr.planfiles.nodes import PlanFileError
from styr.planfiles.tests.helpers import export_files
from styr.plans.actions import do_change_occasion_state
from styr.plans.models import Plan

pytestmark = pytest.mark.django_db


def _set_deadline(path: Path, day: str) -> None:
    text = path.read_text(encoding="utf-8")
    old = "  date: 2024-08-31\n"
    assert old in text
    path.write_text(text.replace(old, f"{old}  deadline: {day}\n", 1), encoding="utf-8")


def test_it_exports_and_imports_the_deadline(ks_plan: Plan, tmp_path: Path) -> None:
    files = export_files(ks_plan, tmp_path)
    assert "deadline:" not in files[1].read_text(encoding="utf-8")
    _set_deadline(files[1], "2024-09-10")

    do_import_plan_files(list(files), acting_user=None)

    assert ks_plan.occasions.get(key="delar").deadline == date(2024, 9, 10)
    again = export_files(Plan.objects.get(pk=ks_plan.pk), tmp_path)
    assert "  deadline: 2024-09-10\n" in again[1].read_text(encoding="utf-8")


def test_an_adopted_plan_takes_a_deadline_until_its_report_is_adopted(
    adopted_plan: Plan, tmp_path: Path
) -> None:
    files = export_files(adopted_plan, tmp_path)
    _set_deadline(files[1], "2024-09-10")
    do_import_plan_files(list(files), acting_user=None)
    occasion = adopted_plan.occasions.get(key="delar")
    assert occasion.deadline == date(2024, 9, 10)

    do_change_occasion_state(
        occasion, "adopt", acting_user=None, adopted_on=date(2024, 9, 20), adopted_minute="§ 9"
    )
    later = tmp_path / "later"
    later.mkdir()
    files = export_files(Plan.objects.get(pk=adopted_plan.pk), later)
    text = files[1].read_text(encoding="utf-8")
    files[1].write_text(text.replace("deadline: 2024-09-10", "deadline: 2024-09-12"))
    with pytest.raises(PlanFileError, match="sista dag att rapportera"):
        do_import_plan_files(list(files), acting_user=None)
    assert adopted_plan.occasions.get(key="delar").deadline == date(2024, 9, 10)
