"""An edited cell changes exactly that in the plan, with the domain's audit entry and one
summary entry for the import."""

from decimal import Decimal

import pytest
from django.contrib.auth.models import User
from openpyxl.workbook.workbook import Workbook

from styr.assignments.models import AssignmentFollowUp
from styr.audit.models import AuditEntry
from styr.excel.actions import do_import_workbook
from styr.excel.read import read_workbook
from styr.excel.tests.helpers import cell_of, edited, exported, snapshot, typed
from styr.finance.models import BudgetCell
from styr.indicators.models import IndicatorValue, MetricValue
from styr.internal_control.models import Risk, RiskFollowUp
from styr.plans.models import Plan

pytestmark = pytest.mark.django_db

INDICATOR = "behoriga-yrkesprogram"


def _import(plan: Plan, data: bytes, user: User) -> list[str]:
    changes = read_workbook(data, plan=plan)
    assert changes.errors == []
    do_import_workbook(changes, plan=plan, acting_user=user)
    return [f"{c.where} {c.field}: {c.old} → {c.new}" for c in changes.changes]


def test_it_changes_a_target_and_its_comparator(ks_plan: Plan, editor: User) -> None:
    data = exported(ks_plan)
    target = cell_of(data, "Indikatorer", INDICATOR, "Mål 2023")
    comparator = cell_of(data, "Indikatorer", INDICATOR, "Jämförelse 2023")

    def edit(book: Workbook) -> None:
        book["Indikatorer"][target] = 82.5
        book["Indikatorer"][comparator] = ">"

    lines = _import(ks_plan, edited(data, edit), editor)

    assert lines == [f"Indikatorer!{target} Mål 2023: ≥ 81,2 → > 82,5"]
    value = IndicatorValue.objects.get(
        indicator__body__municipality__key="marks",
        indicator__key=INDICATOR,
        year=2023,
        kind="target",
    )
    assert (value.value, value.comparator) == (Decimal("82.5"), ">")
    entry = AuditEntry.objects.get(action="indicator_value_set", actor=editor)
    assert entry.changes["value"] == ["≥ 81.2", "> 82.5"]
    summary = AuditEntry.objects.get(action="excel_imported", actor=editor)
    assert summary.changes == {"cells": 1, "sheets": {"Indikatorer": 1}}


def test_it_adds_an_outcome_typed_the_swedish_way(ks_plan: Plan, editor: User) -> None:
    data = exported(ks_plan)
    cell = cell_of(data, "Indikatorer", INDICATOR, "Utfall 2023")

    lines = _import(ks_plan, edited(data, typed("Indikatorer", cell, "84,25")), editor)

    assert lines == [f"Indikatorer!{cell} Utfall 2023: (tomt) → 84,25"]
    value = IndicatorValue.objects.get(
        indicator__body__municipality__key="marks",
        indicator__key=INDICATOR,
        year=2023,
        kind="outcome",
    )
    assert value.value == Decimal("84.25")


def test_an_emptied_cell_removes_the_value(ks_plan: Plan, editor: User) -> None:
    data = exported(ks_plan)
    cell = cell_of(data, "Följetal", "antal-foretagsbesok", "Utfall 2021")

    lines = _import(ks_plan, edited(data, typed("Följetal", cell, None)), editor)

    assert lines == [f"Följetal!{cell} Utfall 2021: 31 → (tomt)"]
    assert not MetricValue.objects.filter(metric__key="antal-foretagsbesok", year=2021).exists()
    assert AuditEntry.objects.filter(action="metric_value_set", actor=editor).count() == 1


def test_it_reports_an_assignments_status_and_comment(ks_plan: Plan, editor: User) -> None:
    data = exported(ks_plan)
    key = "utvardera-utvecklingspeng-byalag"
    status = cell_of(data, "Uppdrag", key, "Status – Delårsrapport 2024")
    comment = cell_of(data, "Uppdrag", key, "Kommentar – Delårsrapport 2024")

    def edit(book: Workbook) -> None:
        book["Uppdrag"][status] = "avslutad"  # any case: the scale's label is what counts
        book["Uppdrag"][comment] = "Riktlinjerna är utvärderade."

    lines = _import(ks_plan, edited(data, edit), editor)

    assert len(lines) == 2
    follow_up = AssignmentFollowUp.objects.get(assignment__key=key, occasion__key="delar")
    assert follow_up.status is not None and follow_up.status.label == "Avslutad"
    assert follow_up.comment == "Riktlinjerna är utvärderade."
    # Status and comment of one occasion are one report: one audit entry.
    assert AuditEntry.objects.filter(action="assignment_reported", actor=editor).count() == 1
    plan_follow_up = AssignmentFollowUp.objects.get(assignment__key=key, occasion__key="plan")
    assert plan_follow_up.comment == "Förväntas klart under q4 2023"


def test_it_changes_a_budget_amount_and_leaves_the_sum_row_to_its_formula(
    ks_plan: Plan, editor: User
) -> None:
    data = exported(ks_plan)
    cell = cell_of(data, "Budget drift", "intakter", "Budget 2024")
    total = cell_of(data, "Budget drift", "nettokostnader", "Budget 2024")
    stated = BudgetCell.objects.get(row__key="nettokostnader", column__key="budget-2024").amount

    def edit(book: Workbook) -> None:
        book["Budget drift"][cell] = 20.7
        book["Budget drift"][total] = 12345  # a typed-over sum is read-only: ignored

    lines = _import(ks_plan, edited(data, edit), editor)

    assert lines == [f"Budget drift!{cell} Budget 2024: 17,7 → 20,7"]
    cells = BudgetCell.objects.filter(row__table__plan=ks_plan, column__key="budget-2024")
    assert cells.get(row__key="intakter").amount == Decimal("20.7")
    assert cells.get(row__key="nettokostnader").amount == stated
    assert AuditEntry.objects.filter(action="budget_amount_set", actor=editor).count() == 1


def test_it_changes_a_risk_and_records_a_control_result(ks_plan: Plan, editor: User) -> None:
    data = exported(ks_plan)
    key = "inkop-utanfor-ramavtal"
    probability = cell_of(data, "Risker", key, "Sannolikhet")
    result = cell_of(data, "Risker", key, "Resultat – Årsrapport 2024")

    def edit(book: Workbook) -> None:
        book["Risker"][probability] = 3
        book["Risker"][result] = "Inga avvikelser."

    lines = _import(ks_plan, edited(data, edit), editor)

    assert len(lines) == 2
    risk = Risk.objects.get(key=key, category__plan=ks_plan)
    assert (risk.probability, risk.consequence, risk.score) == (3, 3, 9)
    assert RiskFollowUp.objects.get(risk=risk, occasion__key="arsrapport").result == (
        "Inga avvikelser."
    )
    actions = set(AuditEntry.objects.filter(actor=editor).values_list("action", flat=True))
    assert actions == {"risk_changed", "control_result_recorded", "excel_imported"}


def test_names_and_keys_beside_the_values_are_not_read(ks_plan: Plan, editor: User) -> None:
    data = exported(ks_plan)
    name = cell_of(data, "Indikatorer", INDICATOR, "Indikator")
    before = snapshot()

    changes = read_workbook(edited(data, typed("Indikatorer", name, "Nytt namn")), plan=ks_plan)

    assert (changes.errors, changes.changes) == ([], [])
    assert snapshot() == before
