"""A workbook that comes back unedited changes nothing, and the workbook is what an official
expects: Swedish sheets and headers, frozen header row, read-only cells marked, formulas."""

from io import BytesIO

import pytest
from openpyxl import load_workbook

from styr.audit.models import AuditEntry
from styr.excel.actions import do_import_workbook
from styr.excel.read import read_workbook
from styr.excel.tests.helpers import exported, snapshot
from styr.plans.models import Plan

pytestmark = pytest.mark.django_db


def test_it_changes_nothing_when_the_workbook_comes_back_unedited(ks_plan: Plan) -> None:
    before = snapshot()
    data = exported(ks_plan)

    changes = read_workbook(data, plan=ks_plan)
    summary = do_import_workbook(data, plan=ks_plan, acting_user=None)

    assert changes.errors == []
    assert changes.changes == []
    assert summary.total == 0
    assert snapshot() == before
    assert not AuditEntry.objects.filter(action="excel_imported").exists()


def test_it_writes_a_sheet_for_each_part_of_the_plan(ks_plan: Plan) -> None:
    book = load_workbook(BytesIO(exported(ks_plan)))
    assert book.sheetnames == [
        "Om", "Indikatorer", "Följetal", "Uppdrag", "Aktiviteter", "Budget drift",
        "Budget drift-verksamhet",
        "Budget investeringar", "Budget exploatering", "Risker", "Listor",
    ]  # fmt: skip
    assert book["Listor"].sheet_state == "hidden"
    about = {row[0]: row[1] for row in book["Om"].iter_rows(min_row=2, values_only=True)}
    assert about["Kommun"] == "Marks kommun"
    assert about["Organets förkortning"] == "KS"
    assert about["Planår"] == 2024
    assert about["Formatversion"] == 1


def test_it_shows_values_with_the_measures_decimals_and_a_frozen_header(ks_plan: Plan) -> None:
    sheet = load_workbook(BytesIO(exported(ks_plan)))["Indikatorer"]
    headers = [c.value for c in sheet[1]]
    assert headers[:9] == [
        "Nyckel", "Mål", "Indikator", "Enhet",
        "Utfall 2021", "Utfall delår 2021", "Prognos 2021", "Jämförelse 2021", "Mål 2021",
    ]  # fmt: skip
    assert headers[-1] == "Mål 2025"
    assert sheet.freeze_panes == "A2"
    outcome = sheet.cell(row=2, column=headers.index("Utfall 2021") + 1)
    assert outcome.value == 83.6
    assert outcome.number_format == "#,##0.0"
    assert outcome.protection.locked is False
    name = sheet.cell(row=2, column=3)
    assert name.protection.locked is True
    assert name.fill.fgColor.rgb.endswith("E7E6E6")


def test_it_writes_sums_and_risk_scores_as_formulas(ks_plan: Plan) -> None:
    book = load_workbook(BytesIO(exported(ks_plan)))
    budget = book["Budget drift"]
    rows = {row[0].value: row for row in budget.iter_rows(min_row=2)}
    assert rows["nettokostnader"][4].value == "=SUM(E2:E5)"
    assert rows["nettokostnader"][4].protection.locked is True
    risks = book["Risker"]
    assert risks["G2"].value == "=E2*F2"
    assert risks["G1"].value == "Riskvärde"


def test_it_offers_the_scales_labels_as_a_drop_down(ks_plan: Plan) -> None:
    book = load_workbook(BytesIO(exported(ks_plan)))
    sheet = book["Uppdrag"]
    rules = {str(rule.sqref): rule.formula1 for rule in sheet.data_validations.dataValidation}
    assert rules["D2:D39 G2:G39 J2:J39"] == "Listor!$A$2:$A$5"
    statuses = [c.value for c in book["Listor"]["A"][1:5]]
    assert statuses == ["Ej påbörjat", "Pågående", "Avslutad", "Vilande"]
