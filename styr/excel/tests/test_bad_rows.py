"""Rows are matched by key: a key twice, an unknown key or a row without one is refused."""

from collections.abc import Callable

import pytest
from openpyxl.workbook.workbook import Workbook

from styr.excel.read import read_workbook
from styr.excel.tests.helpers import edited, exported
from styr.plans.models import Plan

pytestmark = pytest.mark.django_db


def _errors(plan: Plan, edit: Callable[[Workbook], None]) -> list[str]:
    return [str(e) for e in read_workbook(edited(exported(plan), edit), plan=plan).errors]


def test_it_refuses_the_same_key_twice(ks_plan: Plan) -> None:
    def edit(book: Workbook) -> None:
        sheet = book["Uppdrag"]
        sheet["A4"] = sheet["A2"].value

    assert _errors(ks_plan, edit) == [
        "Uppdrag!A4: nyckeln ”se-over-avtal-foreningar” finns två gånger (även på rad 2)"
    ]


def test_it_refuses_an_unknown_key(ks_plan: Plan) -> None:
    def edit(book: Workbook) -> None:
        book["Risker"]["A3"] = "ny-risk"

    assert _errors(ks_plan, edit) == [
        "Risker!A3: ingen risk med nyckeln ”ny-risk” finns i KS Nämndplan 2024 (ändra inte "
        "nycklarna; nya rader läggs till i Styr)"
    ]


def test_it_refuses_a_row_added_without_a_key(ks_plan: Plan) -> None:
    def edit(book: Workbook) -> None:
        sheet = book["Följetal"]
        sheet.cell(row=sheet.max_row + 1, column=5, value=12)

    assert _errors(ks_plan, edit) == [
        "Följetal!A18: en rad utan nyckel: rader kan inte läggas till i Excel (lägg till raden i "
        "Styr och hämta sedan arbetsboken på nytt)"
    ]


def test_a_value_beside_the_columns_is_refused(ks_plan: Plan) -> None:
    def edit(book: Workbook) -> None:
        book["Budget exploatering"]["G2"] = "anteckning"

    assert _errors(ks_plan, edit) == [
        "Budget exploatering!G2: ett värde utanför bladets kolumner; ta bort det"
    ]


def test_sorted_rows_are_still_matched_by_their_keys(ks_plan: Plan) -> None:
    def edit(book: Workbook) -> None:
        sheet = book["Budget drift"]
        second = [c.value for c in sheet[3]]
        for column, value in enumerate([c.value for c in sheet[2]], start=1):
            sheet.cell(row=3, column=column, value=value)
        for column, value in enumerate(second, start=1):
            sheet.cell(row=2, column=column, value=value)

    changes = read_workbook(edited(exported(ks_plan), edit), plan=ks_plan)
    assert (changes.errors, changes.changes) == ([], [])
