"""Outcomes taken from Kolada are marked in the workbook; editing one makes it a typed value."""

from io import BytesIO

import pytest
from openpyxl import load_workbook

from styr.excel.actions import do_import_workbook
from styr.excel.tests.helpers import cell_of, edited, exported, typed
from styr.indicators.models import Indicator
from styr.plans.models import Plan

pytestmark = pytest.mark.django_db


def test_a_kolada_outcome_carries_a_note_and_an_edit_makes_it_typed(ks_plan: Plan) -> None:
    data = exported(ks_plan)
    where = cell_of(data, "Indikatorer", "befolkning", "Utfall 2021")
    book = load_workbook(BytesIO(data))
    note = book["Indikatorer"][where].comment
    assert note is not None and note.text.startswith("Från Kolada (N01951).")
    typed_cell = cell_of(data, "Indikatorer", "befolkning", "Utfall 2022")
    assert book["Indikatorer"][typed_cell].comment is None  # typed: 35 347

    do_import_workbook(
        edited(data, typed("Indikatorer", where, 35200)), plan=ks_plan, acting_user=None
    )
    population = Indicator.objects.get(body=ks_plan.body, key="befolkning")
    value = population.values.get(year=2021, kind="outcome")
    assert (value.value, value.source) == (35200, "manual")
