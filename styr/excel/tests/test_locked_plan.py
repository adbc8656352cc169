"""An adopted plan refuses changes to its decisions (targets, budget, risks) but takes
follow-up; a locked plan refuses both. The refusal names each cell, and nothing is written."""

from datetime import date
from decimal import Decimal

import pytest
from openpyxl.workbook.workbook import Workbook

from styr.excel.actions import do_import_workbook
from styr.excel.changes import WorkbookRefused
from styr.excel.read import read_workbook
from styr.excel.tests.helpers import cell_of, edited, exported, snapshot
from styr.indicators.models import IndicatorValue
from styr.plans.actions import do_change_plan_state
from styr.plans.models import Plan
from styr.testing.workflow import lock_plan

pytestmark = pytest.mark.django_db

INDICATOR = "behoriga-yrkesprogram"


def _adopted(plan: Plan) -> Plan:
    return do_change_plan_state(
        plan, "adopt", acting_user=None, adopted_on=date(2023, 11, 30), adopted_minute="§ 201"
    )


def _target_and_outcome(data: bytes) -> tuple[bytes, str, str]:
    target = cell_of(data, "Indikatorer", INDICATOR, "Mål 2023")
    outcome = cell_of(data, "Indikatorer", INDICATOR, "Utfall 2023")

    def edit(book: Workbook) -> None:
        book["Indikatorer"][target] = 90
        book["Indikatorer"][outcome] = 84

    return edited(data, edit), target, outcome


def test_an_adopted_plan_refuses_a_target_change(ks_plan: Plan) -> None:
    data, target, _ = _target_and_outcome(exported(ks_plan))
    plan = _adopted(ks_plan)
    before = snapshot()

    with pytest.raises(WorkbookRefused) as refused:
        do_import_workbook(data, plan=plan, acting_user=None)

    assert [str(e) for e in refused.value.errors] == [
        f"Indikatorer!{target}: "
        "KS Nämndplan 2024 är fastställd, och målvärdet är en del av beslutet och kan inte "
        "ändras. Utfall, prognoser, status och kommentarer förs in per rapporttillfälle tills "
        "planen låses."
    ]
    assert snapshot() == before


def test_an_adopted_plan_takes_outcomes(ks_plan: Plan) -> None:
    data = exported(ks_plan)
    outcome = cell_of(data, "Indikatorer", INDICATOR, "Utfall 2023")
    plan = _adopted(ks_plan)

    def edit(book: Workbook) -> None:
        book["Indikatorer"][outcome] = 84

    summary = do_import_workbook(edited(data, edit), plan=plan, acting_user=None)

    assert summary.by_sheet == {"Indikatorer": 1}
    value = IndicatorValue.objects.get(
        indicator__body__municipality__key="marks",
        indicator__key=INDICATOR,
        year=2023,
        kind="outcome",
    )
    assert value.value == Decimal(84)


def test_a_locked_plan_refuses_follow_up_too(ks_plan: Plan) -> None:
    data = exported(ks_plan)
    outcome = cell_of(data, "Indikatorer", INDICATOR, "Utfall 2023")
    comment = cell_of(data, "Uppdrag", "se-over-avtal-foreningar", "Kommentar – Årsrapport 2024")
    plan = lock_plan(_adopted(ks_plan))

    def edit(book: Workbook) -> None:
        book["Indikatorer"][outcome] = 84
        book["Uppdrag"][comment] = "Klart."

    errors = [str(e) for e in read_workbook(edited(data, edit), plan=plan).errors]

    assert errors == [
        f"Indikatorer!{outcome}: KS Nämndplan 2024 är låst och kan inte ändras.",
        f"Uppdrag!{comment}: KS Nämndplan 2024 är låst och kan inte ändras.",
    ]


def test_an_unedited_workbook_of_a_locked_plan_is_no_change(ks_plan: Plan) -> None:
    data = exported(ks_plan)
    plan = lock_plan(_adopted(ks_plan))
    assert do_import_workbook(data, plan=plan, acting_user=None).total == 0
