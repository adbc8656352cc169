"""Statuses are the scale's labels: one that is not on the scale is refused by cell."""

import pytest
from openpyxl.workbook.workbook import Workbook

from styr.assignments.models import AssignmentFollowUp
from styr.excel.read import read_workbook
from styr.excel.tests.helpers import cell_of, edited, exported, snapshot
from styr.plans.models import Plan

pytestmark = pytest.mark.django_db

KEY = "se-over-avtal-foreningar"


def test_it_refuses_a_status_not_on_the_scale(ks_plan: Plan) -> None:
    data = exported(ks_plan)
    status = cell_of(data, "Uppdrag", KEY, "Status – Delårsrapport 2024")
    grade = cell_of(data, "Uppdrag", KEY, "Måluppfyllelse – Årsrapport 2024")
    before = snapshot()

    def edit(book: Workbook) -> None:
        book["Uppdrag"][status] = "Klar"
        book["Uppdrag"][grade] = "Ganska"

    errors = [str(e) for e in read_workbook(edited(data, edit), plan=ks_plan).errors]

    assert errors == [
        f"Uppdrag!{status}: ”Klar” finns inte i skalan (välj något av: Ej påbörjat, "
        "Pågående, Avslutad, Vilande)",
        f"Uppdrag!{grade}: ”Ganska” finns inte i skalan (välj något av: Helt, I hög grad, "
        "Delvis, I låg grad, Inte alls)",
    ]
    assert snapshot() == before


def test_an_emptied_status_clears_it(ks_plan: Plan) -> None:
    data = exported(ks_plan)
    status = cell_of(data, "Uppdrag", KEY, "Status – Nämndplan 2024")

    def edit(book: Workbook) -> None:
        book["Uppdrag"][status] = None

    changes = read_workbook(edited(data, edit), plan=ks_plan)

    assert [(c.old, c.new) for c in changes.changes] == [("Pågående", "(tomt)")]
    assert AssignmentFollowUp.objects.get(assignment__key=KEY, occasion__key="plan").status
