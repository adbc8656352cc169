"""The workbook's Aktiviteter sheet: each activity's status, percent complete and comment per
report, read back through the same action as the web, with a bad cell named."""

from datetime import date

import pytest
from django.contrib.auth.models import User
from openpyxl.workbook.workbook import Workbook

from styr.activities.actions import do_save_activity
from styr.activities.models import Activity, ActivityFollowUp
from styr.audit.models import AuditEntry
from styr.excel.actions import do_import_workbook
from styr.excel.read import read_workbook
from styr.excel.tests.helpers import cell_of, edited, exported, snapshot
from styr.plans.actions import do_change_occasion_state
from styr.plans.models import Plan

pytestmark = pytest.mark.django_db

SHEET = "Aktiviteter"
STATUS = "Status – Delårsrapport 2024"
PERCENT = "Färdiggrad (%) – Delårsrapport 2024"
COMMENT = "Kommentar – Delårsrapport 2024"


def _activity(plan: Plan) -> Activity:
    goal = plan.goals.first()
    return do_save_activity(
        plan, None, {"title": "Medborgardialog", "goal": goal}, acting_user=None
    )


def test_it_takes_status_percent_and_comment_of_an_activity(
    adopted_plan: Plan, editor: User
) -> None:
    activity = _activity(adopted_plan)
    data = exported(adopted_plan)

    def edit(book: Workbook) -> None:
        book[SHEET][cell_of(data, SHEET, activity.key, STATUS)] = "pågående"
        book[SHEET][cell_of(data, SHEET, activity.key, PERCENT)] = 60
        book[SHEET][cell_of(data, SHEET, activity.key, COMMENT)] = "Två dialoger hållna."

    summary = do_import_workbook(edited(data, edit), plan=adopted_plan, acting_user=editor)

    assert summary.by_sheet == {SHEET: 3}
    follow_up = ActivityFollowUp.objects.get(activity=activity, occasion__key="delar")
    assert follow_up.status is not None and follow_up.status.label == "Pågående"
    assert (follow_up.percent_complete, follow_up.comment) == (60, "Två dialoger hållna.")
    # One report of the activity, with all three, in the audit log.
    assert AuditEntry.objects.filter(action="activity_reported", actor=editor).count() == 1


@pytest.mark.parametrize(
    ("column", "value", "reason"),
    [
        (PERCENT, 120, "120 är inte en färdiggrad i procent (välj något av: 0–100)"),
        (STATUS, "Halvvägs", "”Halvvägs” finns inte i skalan (välj något av: Ej påbörjad"),
    ],
)
def test_a_bad_cell_is_named_and_nothing_is_written(
    adopted_plan: Plan, column: str, value: int | str, reason: str
) -> None:
    activity = _activity(adopted_plan)
    data = exported(adopted_plan)
    cell = cell_of(data, SHEET, activity.key, column)

    def edit(book: Workbook) -> None:
        book[SHEET][cell] = value

    before = snapshot()
    errors = [str(e) for e in read_workbook(edited(data, edit), plan=adopted_plan).errors]
    assert len(errors) == 1 and errors[0].startswith(f"{SHEET}!{cell}: {reason}")
    assert snapshot() == before


def test_an_adopted_reports_activity_cells_are_refused(adopted_plan: Plan, editor: User) -> None:
    activity = _activity(adopted_plan)
    data = exported(adopted_plan)
    do_change_occasion_state(
        adopted_plan.occasions.get(key="delar"), "adopt", acting_user=editor,
        adopted_on=date(2024, 9, 20), adopted_minute="§ 88",
    )  # fmt: skip
    cell = cell_of(data, SHEET, activity.key, PERCENT)

    def edit(book: Workbook) -> None:
        book[SHEET][cell] = 70

    errors = [str(e) for e in read_workbook(edited(data, edit), plan=adopted_plan).errors]
    assert errors == [
        f"{SHEET}!{cell}: "
        "Delårsrapport 2024 är fastställd (2024-09-20, § 88); uppföljningen i den är "
        "en del av beslutet och kan inte ändras. Revidera rapporten först om den ska ändras."
    ]
