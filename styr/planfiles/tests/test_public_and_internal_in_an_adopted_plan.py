"""In an adopted plan a file may still mark a report's follow-up comment internal (its follow-up
goes on), but not the plan's own, nor hide an assignment or indicator from residents: what was
decided to publish is part of the decision, as on the web."""

from pathlib import Path

import pytest

from styr.assignments.models import Assignment, AssignmentFollowUp
from styr.planfiles.actions import do_import_plan_files
from styr.planfiles.nodes import PlanFileError
from styr.planfiles.tests.helpers import export_files
from styr.plans.models import Plan

pytestmark = pytest.mark.django_db
KEY = "se-over-avtal-foreningar"


def _insert_after(path: Path, anchor: str, line: str) -> int:
    lines = path.read_text(encoding="utf-8").split("\n")
    at = next(i for i, text in enumerate(lines) if text.startswith(anchor)) + 1
    lines.insert(at, line)
    path.write_text("\n".join(lines), encoding="utf-8")
    return at + 1


def test_it_takes_an_internal_mark_on_a_reports_follow_up(
    adopted_plan: Plan, tmp_path: Path
) -> None:
    AssignmentFollowUp.objects.create(
        assignment=Assignment.objects.get(plan=adopted_plan, key=KEY),
        occasion=adopted_plan.occasions.get(key="delar"),
        comment="Avtalen ses över under hösten",
    )
    files = list(export_files(adopted_plan, tmp_path))
    _insert_after(files[1], "      comment: Avtalen ses över", "      internal: true")

    do_import_plan_files(files, acting_user=None)

    assert AssignmentFollowUp.objects.get(assignment__key=KEY, occasion__key="delar").internal


def test_it_refuses_a_mark_on_the_plans_own_follow_up(adopted_plan: Plan, tmp_path: Path) -> None:
    """The plan's own statuses and comments were decided with it, the mark with them."""
    files = list(export_files(adopted_plan, tmp_path))
    _insert_after(files[1], "      comment: Under 2021", "      internal: true")

    with pytest.raises(PlanFileError) as caught:
        do_import_plan_files(files, acting_user=None)

    assert "uppföljningen i planen är en del av beslutet" in caught.value.message
    assert not AssignmentFollowUp.objects.get(assignment__key=KEY, occasion__key="plan").internal


def test_it_refuses_to_hide_a_decided_assignment(adopted_plan: Plan, tmp_path: Path) -> None:
    files = list(export_files(adopted_plan, tmp_path))
    line = _insert_after(files[1], "  extra_cost:", "  public: false")

    with pytest.raises(PlanFileError) as caught:
        do_import_plan_files(files, acting_user=None)

    # The refusal names the assignment the line belongs to (its `- key:` line).
    lines = files[1].read_text(encoding="utf-8").split("\n")
    item = max(i + 1 for i, text in enumerate(lines[:line]) if text.startswith("- key:"))
    assert (caught.value.file, caught.value.line) == ("ks-2024.yaml", item)
    assert "skulle ändra uppdrag" in caught.value.message
    assert "(offentlig)" in caught.value.message and "är fastställd" in caught.value.message
    assert Assignment.objects.get(plan=adopted_plan, key=KEY).public is True
