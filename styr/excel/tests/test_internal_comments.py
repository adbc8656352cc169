"""The Uppdrag sheet's Intern column (Ja/Nej) beside each comment: written as stored, read
back through the report action with its audit entry, and refused where the comment would be."""

from io import BytesIO

import pytest
from django.contrib.auth.models import User
from openpyxl import load_workbook

from styr.assignments.models import AssignmentFollowUp
from styr.audit.models import AuditEntry
from styr.excel.actions import do_import_workbook
from styr.excel.read import read_workbook
from styr.excel.tests.helpers import cell_of, edited, exported, typed
from styr.plans.models import Plan
from styr.testing.workflow import lock_plan

pytestmark = pytest.mark.django_db
KEY = "se-over-avtal-foreningar"
INTERN = "Intern – Nämndplan 2024"


def _stored() -> AssignmentFollowUp:
    return AssignmentFollowUp.objects.get(assignment__key=KEY, occasion__key="plan",
                                          assignment__plan__body__code="KS")  # fmt: skip


def test_it_writes_ja_for_an_internal_comment_and_offers_ja_or_nej(ks_plan: Plan) -> None:
    AssignmentFollowUp.objects.filter(pk=_stored().pk).update(internal=True)
    data = exported(ks_plan)
    sheet = load_workbook(BytesIO(data))["Uppdrag"]
    assert sheet[cell_of(data, "Uppdrag", KEY, INTERN)].value == "Ja"
    assert sheet[cell_of(data, "Uppdrag", "p-huset-kinna", INTERN)].value == "Nej"
    rules = {str(rule.sqref): rule.formula1 for rule in sheet.data_validations.dataValidation}
    assert rules["F2:F39 I2:I39 L2:L39"] == "Listor!$E$2:$E$3"


def test_it_marks_a_comment_internal_and_back(ks_plan: Plan, editor: User) -> None:
    data = exported(ks_plan)
    cell = cell_of(data, "Uppdrag", KEY, INTERN)

    changes = read_workbook(edited(data, typed("Uppdrag", cell, "ja")), plan=ks_plan)
    assert [f"{c.where} {c.field}: {c.old} → {c.new}" for c in changes.changes] == [
        f"Uppdrag!{cell} {INTERN}: Nej → Ja"
    ]
    do_import_workbook(changes, plan=ks_plan, acting_user=editor)

    stored = _stored()
    assert stored.internal is True
    assert stored.comment.startswith("Under 2021")  # the comment itself untouched
    entry = AuditEntry.objects.get(action="assignment_reported", actor=editor)
    assert entry.changes["internal"] == [False, True]

    do_import_workbook(edited(data, typed("Uppdrag", cell, "Nej")), plan=ks_plan,
                       acting_user=editor)  # fmt: skip
    assert _stored().internal is False


def test_it_refuses_a_word_that_is_neither_ja_nor_nej(ks_plan: Plan) -> None:
    data = exported(ks_plan)
    cell = cell_of(data, "Uppdrag", KEY, INTERN)
    errors = read_workbook(edited(data, typed("Uppdrag", cell, "kanske")), plan=ks_plan).errors
    assert [str(e) for e in errors] == [
        f"Uppdrag!{cell}: ”kanske” är inte ett giltigt svar (välj något av: Ja, Nej)"
    ]


def test_a_decided_plan_refuses_the_mark_as_it_refuses_the_comment(ks_plan: Plan) -> None:
    from datetime import date

    from styr.plans.actions import do_change_plan_state

    data = exported(ks_plan)
    cell = cell_of(data, "Uppdrag", KEY, INTERN)
    delar = ks_plan.occasions.get(key="delar")
    report_cell = cell_of(data, "Uppdrag", KEY, f"Intern – {delar.name}")
    adopted = do_change_plan_state(
        ks_plan, "adopt", acting_user=None, adopted_on=date(2023, 11, 30), adopted_minute="§ 1"
    )
    # Adopted: the plan's own follow-up is decided with it; the report's goes on, the mark
    # with it.
    errors = read_workbook(edited(data, typed("Uppdrag", cell, "Ja")), plan=adopted).errors
    assert [str(e) for e in errors] == [
        f"Uppdrag!{cell}: KS Nämndplan 2024 är fastställd (2023-11-30, § 1); uppföljningen i "
        "planen är en del av beslutet och kan inte ändras. För in uppföljningen i årets "
        "rapporter (delårsrapport, årsrapport), eller revidera planen."
    ]
    assert read_workbook(edited(data, typed("Uppdrag", report_cell, "Ja")), plan=adopted).ok
    locked = lock_plan(adopted)
    errors = read_workbook(edited(data, typed("Uppdrag", report_cell, "Ja")), plan=locked).errors
    assert [str(e) for e in errors] == [
        f"Uppdrag!{report_cell}: KS Nämndplan 2024 är låst och kan inte ändras."
    ]
