"""The JSON of a dataset parses, carries the dataset's metadata, and holds the CSV's rows under
English keys."""

from decimal import Decimal

import pytest
from django.conf import settings

from styr.opendata.tests.conftest import PLAN, PLAN_DATASETS, fetch, read_csv, read_json
from styr.plans.models import Plan
from styr.web.tests.helpers import client_for

pytestmark = pytest.mark.django_db


def _as_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return format(Decimal(str(value)).normalize(), "f")
    return str(value)


def _same(csv_value: str, json_value: object) -> bool:
    if isinstance(json_value, int | float) and csv_value:
        return Decimal(csv_value) == Decimal(str(json_value))
    return csv_value == _as_text(json_value)


@pytest.mark.parametrize("name", PLAN_DATASETS)
def test_it_holds_the_same_rows_as_the_csv(name: str, reported: Plan) -> None:
    client = client_for(None)
    status, content = fetch(client, f"{PLAN}{name}.json")
    assert status == 200
    document = read_json(content)
    rows = read_csv(fetch(client, f"{PLAN}{name}.csv")[1])
    columns: dict[str, str] = document["columns"]
    assert len(document["rows"]) == len(rows) > 0
    for json_row, csv_row in zip(document["rows"], rows, strict=True):
        assert list(json_row) == list(columns)
        for key, header in columns.items():
            assert _same(csv_row[header], json_row[key]), (name, key, csv_row[header])


def test_it_carries_the_datasets_metadata(reported: Plan) -> None:
    document = read_json(fetch(client_for(None), f"{PLAN}mal.json")[1])
    assert document["title"] == "Mål i Nämndplan 2024, Kommunstyrelsen"
    assert document["title_en"] == "Goals in Nämndplan 2024, Kommunstyrelsen"
    assert document["municipality"] == "Marks kommun"
    assert document["body"] == "Kommunstyrelsen" and document["body_code"] == "KS"
    assert document["year"] == 2024
    assert document["licence"] == settings.OPEN_DATA_LICENCE
    assert document["issued"] == "2023-11-30"
    assert document["modified"] == "2024-10-14"  # the interim report's adoption
    assert document["landing_page"].endswith("/oppen/marks/KS/2024/")


def test_it_serves_an_indicators_values_across_the_years(reported: Plan) -> None:
    goal = reported.goals.filter(indicators__isnull=False).order_by("position")[0]
    indicator = goal.indicators.order_by("goalindicator__position")[0]
    client = client_for(None)
    base = f"/oppen/data/marks/KS/indikator/{indicator.key}"
    document = read_json(fetch(client, f"{base}.json")[1])
    assert document["year"] is None
    assert {row["indicator_key"] for row in document["rows"]} == {indicator.key}
    rows = read_csv(fetch(client, f"{base}.csv")[1])
    assert len(rows) == len(document["rows"])
