"""A dataset or the catalogue is built once and served from the portal's cache, headers and
all, until anything changes in Styr."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from styr.opendata.tests.conftest import PLAN, fetch, read_csv
from styr.plans.models import Plan
from styr.testing.workflow import adopt_reports
from styr.web.tests.helpers import client_for

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "path", [f"{PLAN}mal.csv", f"{PLAN}budget.json", "/oppen/data/marks/katalog.rdf"]
)
def test_it_serves_a_cached_file_in_one_query(path: str, adopted_plan: Plan) -> None:
    client = client_for(None)
    first = client.get(path, secure=True)
    with CaptureQueriesContext(connection) as queries:
        again = client.get(path, secure=True)
    assert len(queries) == 1  # the newest change's id, nothing else
    assert again.content == first.content
    for header in ("Content-Type", "Content-Disposition", "Access-Control-Allow-Origin"):
        assert again[header] == first[header]


def test_it_keeps_each_separator_apart(adopted_plan: Plan) -> None:
    client = client_for(None)
    comma = fetch(client, f"{PLAN}uppdrag.csv")[1]
    semicolon = fetch(client, f"{PLAN}uppdrag.csv?sep=semicolon")[1]
    assert b";" in semicolon.splitlines()[0] and b";" not in comma.splitlines()[0]


def test_it_shows_a_change_at_the_next_request(adopted_plan: Plan) -> None:
    client = client_for(None)
    before = {row["Bedömningstillfälle"] for row in read_csv(fetch(client, f"{PLAN}mal.csv")[1])}
    assert "Årsrapport 2024" not in before
    adopt_reports(adopted_plan)  # through the actions: each writes its audit entry
    after = {row["Bedömningstillfälle"] for row in read_csv(fetch(client, f"{PLAN}mal.csv")[1])}
    assert "Årsrapport 2024" in after
