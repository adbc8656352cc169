"""A text that a spreadsheet would run as a formula is written as text in the CSV files."""

import csv
import io

import pytest

from styr.assignments.models import Assignment
from styr.plans.models import Plan
from styr.web.tests.helpers import client_for

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("sep", ["comma", "semicolon"])
def test_it_prefixes_a_formula_with_an_apostrophe(adopted_plan: Plan, sep: str) -> None:
    first = Assignment.objects.filter(plan=adopted_plan).order_by("position")[0]
    Assignment.objects.filter(pk=first.pk).update(text='=HYPERLINK("http://evil.example")')
    response = client_for(None).get(f"/oppen/data/marks/KS/2024/uppdrag.csv?sep={sep}")
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")),
                           delimiter=";" if sep == "semicolon" else ","))  # fmt: skip
    texts = [cell for row in rows for cell in row]
    assert '\'=HYPERLINK("http://evil.example")' in texts
    assert not any(cell.startswith("=") for cell in texts)
    # JSON is read by programs, not spreadsheets: the text as it is.
    data = client_for(None).get("/oppen/data/marks/KS/2024/uppdrag.json").json()
    assert any(r["assignment"] == '=HYPERLINK("http://evil.example")' for r in data["rows"])
