"""A workbook of another body or year, or a file that is no workbook, is refused whole."""

import pytest
from openpyxl.workbook.workbook import Workbook

from styr.excel.actions import do_import_workbook
from styr.excel.changes import WorkbookRefused
from styr.excel.read import about_plan, read_workbook
from styr.excel.tests.helpers import edited, exported, snapshot, typed, with_member
from styr.organisation.models import Body
from styr.plans.models import Plan

pytestmark = pytest.mark.django_db


def _errors(plan: Plan, data: bytes, name: str = "plan.xlsx") -> list[str]:
    before = snapshot()
    with pytest.raises(WorkbookRefused) as refused:
        do_import_workbook(data, plan=plan, acting_user=None, name=name)
    assert snapshot() == before
    return [str(e) for e in refused.value.errors]


def test_it_refuses_another_bodys_workbook(ks_plan: Plan) -> None:
    kfn = Plan.objects.get(body=Body.objects.get(code="KFN"), year=2024)
    assert _errors(kfn, exported(ks_plan)) == [
        "Om!B5: arbetsboken gäller organet ”KS”, inte KFN (Kultur- och fritidsnämnden)"
    ]


def test_it_refuses_another_years_workbook(ks_plan: Plan) -> None:
    data = edited(exported(ks_plan), typed("Om", "B7", 2023))
    assert _errors(ks_plan, data) == ["Om!B7: arbetsboken gäller planåret ”2023”, inte 2024"]


def test_it_finds_the_plan_from_the_about_sheet(ks_plan: Plan) -> None:
    assert about_plan(exported(ks_plan)) == ks_plan
    with pytest.raises(WorkbookRefused) as refused:
        about_plan(edited(exported(ks_plan), typed("Om", "B7", 1999)))
    assert str(refused.value) == "Om!B7: det finns ingen plan för KS 1999 i kommunen ”marks”"


def test_it_refuses_a_workbook_of_another_format_version(ks_plan: Plan) -> None:
    data = edited(exported(ks_plan), typed("Om", "B10", 7))
    assert _errors(ks_plan, data) == [
        "Om!B10: arbetsboken har formatversion ”7”; Styr läser version 1 (hämta arbetsboken "
        "på nytt från Styr)"
    ]


def test_it_refuses_a_workbook_without_its_about_sheet(ks_plan: Plan) -> None:
    def edit(book: Workbook) -> None:
        del book["Om"]

    assert _errors(ks_plan, edited(exported(ks_plan), edit)) == [
        "Om: bladet saknas: det här är inte en arbetsbok som Styr har exporterat"
    ]


def test_it_refuses_a_file_that_is_not_a_workbook(ks_plan: Plan) -> None:
    [error] = _errors(ks_plan, "Nyckel;Värde\nx;1\n".encode(), name="plan.csv")
    assert error.startswith("plan.csv är inte en Excel-arbetsbok (.xlsx) eller så är den skadad")


def test_it_refuses_a_truncated_workbook(ks_plan: Plan) -> None:
    data = exported(ks_plan)
    [error] = _errors(ks_plan, data[: len(data) // 2])
    assert error.startswith("plan.xlsx är inte en Excel-arbetsbok (.xlsx) eller så är den skadad")


def test_it_refuses_a_workbook_with_a_sheet_cut_short(ks_plan: Plan) -> None:
    # The zip is whole, but the Uppdrag sheet's XML (sheet4) ends halfway.
    damaged = with_member(exported(ks_plan), "xl/worksheets/sheet4.xml", lambda x: x[: len(x) // 2])
    [error] = [str(e) for e in read_workbook(damaged, plan=ks_plan).errors]
    assert error.startswith(
        "Uppdrag: bladet kan inte läsas: arbetsboken är skadad eller ofullständig"
    )
