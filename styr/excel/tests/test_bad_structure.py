"""Sheets and columns must be where the export put them: an extra, missing, renamed or moved
one is named, and no cell of that sheet is read."""

import pytest
from openpyxl.workbook.workbook import Workbook

from styr.excel.read import read_workbook
from styr.excel.tests.helpers import edited, exported
from styr.plans.models import Plan

pytestmark = pytest.mark.django_db


def _errors(plan: Plan, data: bytes) -> list[str]:
    return [str(e) for e in read_workbook(data, plan=plan).errors]


def test_it_refuses_an_extra_sheet(ks_plan: Plan) -> None:
    def edit(book: Workbook) -> None:
        book.create_sheet("Anteckningar")["A1"] = "egna noteringar"

    [error] = _errors(ks_plan, edited(exported(ks_plan), edit))
    assert error.startswith(
        "Anteckningar: bladet hör inte till arbetsboken; ta bort det (en arbetsbok för KS "
        "Nämndplan 2024 har: Om, Indikatorer, Följetal, Uppdrag, Aktiviteter, Budget drift"
    )


def test_it_refuses_a_missing_sheet(ks_plan: Plan) -> None:
    def edit(book: Workbook) -> None:
        del book["Risker"]

    assert _errors(ks_plan, edited(exported(ks_plan), edit)) == [
        "Risker: bladet saknas; blad får inte tas bort eller byta namn"
    ]


def test_it_refuses_a_renamed_column(ks_plan: Plan) -> None:
    def edit(book: Workbook) -> None:
        book["Indikatorer"]["J1"] = "Utfall 22"

    assert _errors(ks_plan, edited(exported(ks_plan), edit)) == [
        "Indikatorer!J1: här ska kolumnen ”Utfall 2022” stå, inte ”Utfall 22”"
    ]


def test_it_refuses_moved_columns_and_reads_no_cell_below_them(ks_plan: Plan) -> None:
    def edit(book: Workbook) -> None:
        sheet = book["Uppdrag"]
        sheet.move_range("E1:E39", cols=20)  # the comment column cut and pasted far right
        sheet.move_range("D1:D39", cols=1)
        sheet["D5"] = "Klar"  # not a status, but the sheet is not read

    assert _errors(ks_plan, edited(exported(ks_plan), edit)) == [
        "Uppdrag!D1: kolumnen ”Status – Nämndplan 2024” saknas",
        "Uppdrag!E1: här ska kolumnen ”Kommentar – Nämndplan 2024” stå, inte ”Status – "
        "Nämndplan 2024”",
        "Uppdrag!Y1: kolumnen ”Kommentar – Nämndplan 2024” hör inte till bladet; ta bort den",
    ]


def test_it_refuses_an_added_and_a_deleted_column(ks_plan: Plan) -> None:
    def edit(book: Workbook) -> None:
        book["Risker"]["N1"] = "Ansvarig"
        book["Budget investeringar"].delete_cols(5)

    assert _errors(ks_plan, edited(exported(ks_plan), edit)) == [
        "Budget investeringar!E1: kolumnen ”Budget 2025” saknas",
        "Risker!N1: kolumnen ”Ansvarig” hör inte till bladet; ta bort den",
    ]
