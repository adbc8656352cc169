"""Each dataset is a CSV file that Python's csv module (and a spreadsheet) reads: UTF-8 with a
BOM, the Swedish headers, comma-separated with a decimal point, or semicolon-separated with a
decimal comma when asked."""

from decimal import Decimal

import pytest

from styr.opendata.datasets import (
    ASSIGNMENT_COLUMNS,
    BUDGET_COLUMNS,
    GOAL_COLUMNS,
    VALUE_COLUMNS,
)
from styr.opendata.tests.conftest import PLAN, fetch, headers, read_csv
from styr.plans.models import Plan
from styr.web.tests.helpers import client_for

pytestmark = pytest.mark.django_db

COLUMNS = {
    "mal": GOAL_COLUMNS,
    "uppdrag": ASSIGNMENT_COLUMNS,
    "budget": BUDGET_COLUMNS,
    "indikatorvarden": VALUE_COLUMNS,
}
NUMBERS = {"budget": "Belopp", "indikatorvarden": "Värde"}


@pytest.mark.parametrize("name", list(COLUMNS))
def test_it_reads_into_the_expected_columns(name: str, reported: Plan) -> None:
    status, content = fetch(client_for(None), f"{PLAN}{name}.csv")
    assert status == 200
    assert content.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs to read UTF-8
    assert headers(content) == [c.header for c in COLUMNS[name]]
    rows = read_csv(content)
    assert rows, name
    assert all(len(row) == len(COLUMNS[name]) and None not in row for row in rows)


@pytest.mark.parametrize("sep", ["semicolon", ";"])
@pytest.mark.parametrize("name", list(COLUMNS))
def test_it_writes_the_same_rows_with_semicolons(name: str, sep: str, reported: Plan) -> None:
    client = client_for(None)
    comma = read_csv(fetch(client, f"{PLAN}{name}.csv")[1])
    status, content = fetch(client, f"{PLAN}{name}.csv?sep={sep}")
    assert status == 200
    assert headers(content, ";") == [c.header for c in COLUMNS[name]]
    semicolon = read_csv(content, ";")
    number = NUMBERS.get(name)
    if number is not None:
        # A decimal point for programs, a decimal comma for Swedish Excel; the same numbers.
        assert any("." in row[number] for row in comma)
        assert not any("," in row[number] for row in comma)
        assert not any("." in row[number] for row in semicolon)
        for row in semicolon:
            row[number] = row[number].replace(",", ".")
    assert semicolon == comma


def test_it_writes_numbers_for_programs(reported: Plan) -> None:
    rows = read_csv(fetch(client_for(None), f"{PLAN}budget.csv")[1])
    amounts = [row["Belopp"] for row in rows if row["Belopp"]]
    assert amounts
    # No thousands separator, no typographic minus: every amount parses as it is.
    for amount in amounts:
        Decimal(amount)
    values = read_csv(fetch(client_for(None), f"{PLAN}indikatorvarden.csv")[1])
    years = {row["År"] for row in values}
    assert years and all(year.isdigit() for year in years)


def test_it_refuses_an_unknown_separator(reported: Plan) -> None:
    assert fetch(client_for(None), f"{PLAN}mal.csv?sep=tab")[0] == 400


def test_it_names_the_download(reported: Plan) -> None:
    response = client_for(None).get(f"{PLAN}mal.csv", secure=True)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="marks-KS-2024-mal.csv"'
    assert response["Access-Control-Allow-Origin"] == "*"
