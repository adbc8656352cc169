"""Numbers that cannot be taken in are refused with their sheet and cell; nothing changes."""

import pytest
from openpyxl.workbook.workbook import Workbook

from styr.excel.actions import do_import_workbook
from styr.excel.changes import WorkbookRefused
from styr.excel.read import read_workbook
from styr.excel.tests.helpers import (
    cell_of,
    edited,
    exported,
    snapshot,
    typed,
    with_raw_value,
)
from styr.plans.models import Plan

pytestmark = pytest.mark.django_db

INDICATOR = "behoriga-yrkesprogram"


def _errors(plan: Plan, data: bytes) -> list[str]:
    before = snapshot()
    with pytest.raises(WorkbookRefused) as refused:
        do_import_workbook(data, plan=plan, acting_user=None)
    assert snapshot() == before
    return [str(e) for e in refused.value.errors]


def test_it_refuses_text_in_a_number_cell(ks_plan: Plan) -> None:
    data = edited(exported(ks_plan), typed("Indikatorer", "E7", "ca 80"))
    assert _errors(ks_plan, data) == ["Indikatorer!E7: ”ca 80” är inte ett tal"]


@pytest.mark.parametrize("raw", ["NaN", "INF", "-inf", "1e999"])
def test_it_refuses_nan_and_infinities(ks_plan: Plan, raw: str) -> None:
    data = exported(ks_plan)
    cell = cell_of(data, "Indikatorer", INDICATOR, "Utfall 2021")
    # Sheets are stored in workbook order: Om is sheet1, Indikatorer sheet2.
    broken = with_raw_value(data, "xl/worksheets/sheet2.xml", cell, raw)
    [error] = _errors(ks_plan, broken)
    assert error.startswith(f"Indikatorer!{cell}: ")
    assert error.endswith("är inte ett giltigt tal")


def test_it_refuses_nan_typed_as_text(ks_plan: Plan) -> None:
    data = edited(exported(ks_plan), typed("Följetal", "E2", "NaN"))
    assert _errors(ks_plan, data) == ["Följetal!E2: ”NaN” är inte ett tal"]


def test_it_refuses_numbers_beyond_the_fields_range(ks_plan: Plan) -> None:
    data = exported(ks_plan)
    outcome = cell_of(data, "Indikatorer", INDICATOR, "Utfall 2022")
    amount = cell_of(data, "Budget drift", "intakter", "Budget 2024")

    def edit(book: Workbook) -> None:
        book["Indikatorer"][outcome] = 1e18
        book["Budget drift"][amount] = "12 345 678 901 234 567"

    assert _errors(ks_plan, edited(data, edit)) == [
        f"Indikatorer!{outcome}: 1 000 000 000 000 000 000 har för många siffror (högst 18 "
        "före decimaltecknet)",
        f"Budget drift!{amount}: ”12 345 678 901 234 567” har för många siffror (högst 16 "
        "före decimaltecknet)",
    ]


def test_it_refuses_dates_booleans_and_excel_errors_in_number_cells(ks_plan: Plan) -> None:
    data = exported(ks_plan)
    cells = [cell_of(data, "Indikatorer", INDICATOR, f"Utfall {y}") for y in (2022, 2023, 2024)]

    def edit(book: Workbook) -> None:
        sheet = book["Indikatorer"]
        sheet[cells[0]] = True
        sheet[cells[1]] = "#DIV/0!"
        sheet[cells[2]] = "2024-05-01"

    assert _errors(ks_plan, edited(data, edit)) == [
        f"Indikatorer!{cells[0]}: SANT är inte ett tal",
        f"Indikatorer!{cells[1]}: #DIV/0! är ett felvärde från Excel, inte ett tal",
        f"Indikatorer!{cells[2]}: ”2024-05-01” är inte ett tal",
    ]


def test_it_lists_every_error_not_only_the_first(ks_plan: Plan) -> None:
    data = exported(ks_plan)
    good = cell_of(data, "Indikatorer", INDICATOR, "Utfall 2023")

    def edit(book: Workbook) -> None:
        book["Indikatorer"]["E3"] = "ca 80"
        book["Indikatorer"][good] = 84  # a good change does not go through beside errors
        book["Budget drift"]["C2"] = "mycket"
        book["Uppdrag"]["D2"] = "Klar"

    changes = read_workbook(edited(data, edit), plan=ks_plan)
    assert [str(e) for e in changes.errors] == [
        "Indikatorer!E3: ”ca 80” är inte ett tal",
        "Uppdrag!D2: ”Klar” finns inte i skalan (välj något av: Ej påbörjat, Pågående, "
        "Avslutad, Vilande)",
        "Budget drift!C2: ”mycket” är inte ett tal",
    ]
    assert _errors(ks_plan, edited(data, edit))[0] == "Indikatorer!E3: ”ca 80” är inte ett tal"
