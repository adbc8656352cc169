"""The units' own comments on an activity in the workbook: one line per unit taking part
("Enhet: kommentar"), read back through the same action as the web; text that names no unit
taking part is refused with its cell."""

import pytest
from django.contrib.auth.models import User
from openpyxl.workbook.workbook import Workbook

from styr.activities.actions import do_report_activity, do_save_activity
from styr.activities.models import Activity, ActivityUnitComment
from styr.excel.actions import do_import_workbook
from styr.excel.read import read_workbook
from styr.excel.tests.helpers import cell_of, edited, exported, snapshot
from styr.organisation.models import Unit
from styr.plans.models import Plan

pytestmark = pytest.mark.django_db

SHEET = "Aktiviteter"
UNITS = "Enheternas kommentarer – Delårsrapport 2024"


@pytest.fixture
def activity(adopted_plan: Plan) -> Activity:
    kansli = Unit.objects.get(name="Kanslienheten", administration__body=adopted_plan.body)
    units = [
        Unit.objects.create(administration=kansli.administration, name=name)
        for name in ("Ekonomienheten", "HR-enheten")
    ]
    return do_save_activity(
        adopted_plan, None,
        {"title": "Ny budgetprocess", "goal": adopted_plan.goals.first(), "units": units},
        acting_user=None,
    )  # fmt: skip


def _said(activity: Activity) -> dict[str, str]:
    return {
        c.unit.name: c.comment
        for c in ActivityUnitComment.objects.filter(follow_up__activity=activity)
    }


def test_it_writes_and_reads_each_units_line(
    adopted_plan: Plan, activity: Activity, editor: User
) -> None:
    ekonomi = activity.units.get(name="Ekonomienheten")
    do_report_activity(
        activity, adopted_plan.occasions.get(key="delar"), status=None, percent_complete=None,
        comment="", unit_comments={ekonomi: "Mallarna är klara."}, acting_user=None,
    )  # fmt: skip
    data = exported(adopted_plan)
    cell = cell_of(data, SHEET, activity.key, UNITS)

    def edit(book: Workbook) -> None:
        assert book[SHEET][cell].value == "Ekonomienheten: Mallarna är klara."
        book[SHEET][cell] = "HR-enheten: Rekryteringen pågår,\nen tjänst kvar."

    summary = do_import_workbook(edited(data, edit), plan=adopted_plan, acting_user=editor)

    assert summary.by_sheet == {SHEET: 1}
    # Ekonomienheten's line is gone from the cell, so its comment is removed.
    assert _said(activity) == {"HR-enheten": "Rekryteringen pågår,\nen tjänst kvar."}


def test_text_that_names_no_unit_taking_part_is_refused(
    adopted_plan: Plan, activity: Activity
) -> None:
    data = exported(adopted_plan)
    cell = cell_of(data, SHEET, activity.key, UNITS)

    def edit(book: Workbook) -> None:
        book[SHEET][cell] = "Kanslienheten: Klart."

    before = snapshot()
    errors = [str(e) for e in read_workbook(edited(data, edit), plan=adopted_plan).errors]
    assert len(errors) == 1
    assert errors[0].startswith(f"{SHEET}!{cell}: börja varje kommentar med enhetens namn")
    assert "medverkande: Ekonomienheten, HR-enheten" in errors[0]
    assert snapshot() == before
