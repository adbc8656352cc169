"""An activity's participating units and their own comments in a plan file: exported and read
back unchanged, a unit that does not take part named by line, and a unit's comment in an adopted
report refused like every other follow-up of that report."""

from pathlib import Path

import pytest

from styr.activities.models import ActivityUnitComment
from styr.planfiles.actions import do_import_plan_files
from styr.planfiles.nodes import PlanFileError
from styr.planfiles.tests.helpers import export_files
from styr.plans.models import Plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def bun() -> Plan:
    return Plan.objects.get(body__municipality__key="styrby", body__code="BUN", year=2024)


def _said() -> list[tuple[str, str, str, str]]:
    return list(
        ActivityUnitComment.objects.filter(follow_up__activity__plan__body__code="BUN")
        .order_by("pk")
        .values_list(
            "follow_up__activity__key", "follow_up__occasion__key", "unit__name", "comment"
        )
    )


def _edit(path: Path, old: str, new: str) -> int:
    text = path.read_text(encoding="utf-8")
    at = text.index(old)
    path.write_text(text[:at] + new + text[at + len(old) :], encoding="utf-8")
    return text.count("\n", 0, at) + 1


def test_it_writes_the_units_and_their_comments_and_reads_them_back(
    bun: Plan, tmp_path: Path
) -> None:
    files = export_files(bun, tmp_path)
    text = files[1].read_text(encoding="utf-8")
    assert "units:\n  - Grundskoleenheten\n" in text
    assert "Grundskoleenheten: Rektorerna har bokat vandringar" in text
    before = _said()

    result = do_import_plan_files(list(files), acting_user=None)

    assert not result.tally.changed() and _said() == before


def test_it_names_a_unit_that_does_not_take_part(bun: Plan, tmp_path: Path) -> None:
    files = export_files(bun, tmp_path)
    _edit(files[1], "units:\n  - Grundskoleenheten\n", "units:\n  - Förskoleenheten\n")
    text = files[1].read_text(encoding="utf-8")
    line = text.count("\n", 0, text.index("Grundskoleenheten: Rektorerna")) + 1
    with pytest.raises(PlanFileError) as refused:
        do_import_plan_files(list(files), acting_user=None)
    assert str(refused.value).startswith(f"bun-2024.yaml:{line}: ")
    assert "enheten medverkar inte i aktiviteten" in str(refused.value)


def test_it_refuses_changing_a_units_comment_in_an_adopted_report(
    bun: Plan, tmp_path: Path
) -> None:
    files = export_files(bun, tmp_path)
    line = _edit(files[1], "Rektorerna har bokat", "Rektorerna har inte bokat")
    before = _said()
    with pytest.raises(PlanFileError) as refused:
        do_import_plan_files(list(files), acting_user=None)
    assert str(refused.value).startswith(f"bun-2024.yaml:{line}:")
    assert "Tertialrapport 2 2024 är fastställd" in str(refused.value)
    assert _said() == before


def test_it_takes_a_units_comment_in_a_report_still_open(bun: Plan, tmp_path: Path) -> None:
    files = export_files(bun, tmp_path)
    text = files[1].read_text(encoding="utf-8")
    start = text.index("key: trygghetsvandringar")
    at = text.index("    bokslut:", start)
    end = text.index("\n", at)
    files[1].write_text(
        text[:end] + "\n      unit_comments:\n        Grundskoleenheten: Alla skolor klara."
        + text[end:], encoding="utf-8",
    )  # fmt: skip

    do_import_plan_files(list(files), acting_user=None)

    assert ("trygghetsvandringar", "bokslut", "Grundskoleenheten", "Alla skolor klara.") in _said()
