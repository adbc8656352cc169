"""Whether residents are shown an indicator or assignment, and whether a follow-up's text is
internal, travel through plan files: written only when not the default, read back as written."""

from pathlib import Path

import pytest

from styr.assignments.models import Assignment, AssignmentFollowUp
from styr.indicators.models import Indicator
from styr.planfiles.actions import do_import_plan_files
from styr.planfiles.tests.helpers import export_files
from styr.plans.models import Plan
from styr.steering.models import GoalFollowUp

pytestmark = pytest.mark.django_db


def _hide_everything(plan: Plan) -> tuple[Indicator, Assignment, AssignmentFollowUp, GoalFollowUp]:
    indicator = Indicator.objects.get(body=plan.body, key="nya-bostader")
    indicator.public = False
    indicator.save()
    assignment = plan.assignments.get(key="se-over-avtal-foreningar")
    assignment.public = False
    assignment.save()
    reported = assignment.follow_ups.get(occasion__key="plan")
    reported.internal = True
    reported.save()
    assessed = GoalFollowUp.objects.create(
        goal=plan.goals.get(key="basta-foretagskommun"),
        occasion=plan.occasions.get(key="delar"),
        analysis="Två av tre förhandlingar pågår.",
        internal=True,
    )
    return indicator, assignment, reported, assessed


def test_it_leaves_the_defaults_out_of_the_file(ks_plan: Plan, tmp_path: Path) -> None:
    text = export_files(ks_plan, tmp_path)[1].read_text(encoding="utf-8")
    assert "public:" not in text
    assert "internal:" not in text


def test_it_writes_the_flags_and_reads_them_back(ks_plan: Plan, tmp_path: Path) -> None:
    indicator, assignment, reported, assessed = _hide_everything(ks_plan)
    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir()
    second.mkdir()
    files = export_files(ks_plan, first)
    text = files[1].read_text(encoding="utf-8")
    assert text.count("public: false") == 2
    assert "      analysis: Två av tre förhandlingar pågår.\n      internal: true\n" in text
    assert text.count("internal: true") == 2

    # Back to the defaults in the database; the import brings the file's flags again.
    Indicator.objects.filter(pk=indicator.pk).update(public=True)
    Assignment.objects.filter(pk=assignment.pk).update(public=True)
    AssignmentFollowUp.objects.filter(pk=reported.pk).update(internal=False)
    GoalFollowUp.objects.filter(pk=assessed.pk).update(internal=False)
    result = do_import_plan_files(list(files), acting_user=None)

    assert result.tally.updated == {
        "indikatorer": 1, "uppdrag": 1, "uppföljningar av uppdrag": 1, "måluppföljningar": 1,
    }  # fmt: skip
    assert Indicator.objects.get(pk=indicator.pk).public is False
    assert Assignment.objects.get(pk=assignment.pk).public is False
    assert AssignmentFollowUp.objects.get(pk=reported.pk).internal is True
    assert GoalFollowUp.objects.get(pk=assessed.pk).internal is True
    again = export_files(Plan.objects.get(pk=ks_plan.pk), second)
    assert again[1].read_bytes() == files[1].read_bytes()


def test_it_keeps_the_flags_a_file_leaves_out(ks_plan: Plan, tmp_path: Path) -> None:
    # An older file, written before the flags: importing it must not make public, or lift the
    # internal mark from, what officials have hidden since.
    files = export_files(ks_plan, tmp_path)
    indicator, assignment, reported, assessed = _hide_everything(ks_plan)
    text = files[1].read_text(encoding="utf-8")
    goal_follow_up = "  follow_up:\n    delar:\n      analysis: Två av tre förhandlingar pågår.\n"
    files[1].write_text(
        text.replace("- key: basta-foretagskommun\n", "- key: basta-foretagskommun\n"
                     + goal_follow_up, 1),
        encoding="utf-8",
    )  # fmt: skip

    do_import_plan_files(list(files), acting_user=None)

    assert Indicator.objects.get(pk=indicator.pk).public is False
    assert Assignment.objects.get(pk=assignment.pk).public is False
    assert AssignmentFollowUp.objects.get(pk=reported.pk).internal is True
    assert GoalFollowUp.objects.get(pk=assessed.pk).internal is True


def test_it_makes_public_what_a_file_says_is(ks_plan: Plan, tmp_path: Path) -> None:
    indicator, assignment, _reported, _assessed = _hide_everything(ks_plan)
    files = export_files(ks_plan, tmp_path)
    text = files[1].read_text(encoding="utf-8")
    files[1].write_text(text.replace("public: false", "public: true"), encoding="utf-8")
    do_import_plan_files(list(files), acting_user=None)
    assert Indicator.objects.get(pk=indicator.pk).public is True
    assert Assignment.objects.get(pk=assignment.pk).public is True
