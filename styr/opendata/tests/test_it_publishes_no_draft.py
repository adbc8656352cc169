"""A draft plan's datasets, and the catalogue of a municipality with nothing adopted, answer
404 to everyone, its own editor too: open data follows the portal's publication rule."""

import pytest
from django.contrib.auth.models import User

from styr.indicators.models import Indicator
from styr.opendata.tests.conftest import PLAN, PLAN_DATASETS, fetch
from styr.plans.models import Plan
from styr.web.tests.helpers import client_for

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("persona", [None, "editor", "reader", "outsider"])
def test_it_refuses_a_draft_plans_datasets_to_everyone(
    persona: str | None, ks_plan: Plan, request: pytest.FixtureRequest
) -> None:
    user: User | None = request.getfixturevalue(persona) if persona else None
    client = client_for(user)
    for name in PLAN_DATASETS:
        for fmt in ("csv", "json"):
            assert fetch(client, f"{PLAN}{name}.{fmt}")[0] == 404, (name, fmt)
    indicator = Indicator.objects.filter(goalindicator__goal__plan=ks_plan).first()
    assert indicator is not None
    for fmt in ("csv", "json"):
        assert fetch(client, f"/oppen/data/marks/KS/indikator/{indicator.key}.{fmt}")[0] == 404
    for fmt in ("jsonld", "rdf"):
        assert fetch(client, f"/oppen/data/marks/katalog.{fmt}")[0] == 404


def test_it_names_nothing_that_is_not_there(adopted_plan: Plan) -> None:
    client = client_for(None)
    for path in [f"{PLAN}risker.csv", f"{PLAN}mal.xlsx", "/oppen/data/marks/KS/2023/mal.csv",
                 "/oppen/data/marks/katalog.ttl", "/oppen/data/ingen/katalog.rdf",
                 "/oppen/data/marks/KS/indikator/finns-inte.csv"]:  # fmt: skip
        assert fetch(client, path)[0] == 404, path


def test_it_answers_only_reading(adopted_plan: Plan) -> None:
    assert client_for(None).post(f"{PLAN}mal.csv", secure=True).status_code == 405
