"""A portal page is built once and served from the cache until anything changes in Styr, in a
number of queries that does not grow with the plan."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from styr.indicators.models import GoalIndicator
from styr.plans.models import Plan
from styr.portal.tests.conftest import portal_get
from styr.steering.models import CommitteeGoal
from styr.testing.workflow import adopt_reports
from styr.web.tests.helpers import client_for

pytestmark = pytest.mark.django_db

PLAN = "/oppen/marks/KS/2024/"


def _queries(path: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client_for(None).get(path, secure=True).status_code == 200
    return len(queries)


def test_it_serves_a_cached_page_in_one_query(adopted_plan: Plan) -> None:
    built = _queries(PLAN)
    assert _queries(PLAN) == 1 < built  # the newest change's id, nothing else


def test_it_shows_a_change_at_the_next_request(adopted_plan: Plan) -> None:
    assert "Årsrapport 2024" not in portal_get(client_for(None), PLAN)[1]
    adopt_reports(adopted_plan)  # through the actions: each writes its audit entry
    status, page = portal_get(client_for(None), PLAN)
    assert status == 200 and "Årsrapport 2024" in page


def test_it_builds_a_larger_plan_in_as_many_queries(adopted_plan: Plan) -> None:
    before = _queries(PLAN)
    link = GoalIndicator.objects.filter(goal__plan=adopted_plan).first()
    assert link is not None
    for n in range(5):
        # Straight into the tables: an adopted plan's actions refuse new goals.
        goal = CommitteeGoal.objects.create(plan=adopted_plan, key=f"extra-{n}",
                                            title=f"Extra {n}", position=100 + n)  # fmt: skip
        GoalIndicator.objects.create(goal=goal, indicator=link.indicator)
    cache.clear()
    assert _queries(PLAN) == before
    assert "Extra 4" in portal_get(client_for(None), PLAN)[1]


def test_it_keeps_one_copy_whatever_the_query_string(adopted_plan: Plan) -> None:
    assert _queries(PLAN) > 1
    # Made-up parameters are not new pages: served from the same cached copy.
    assert _queries(f"{PLAN}?x=1") == 1 and _queries(f"{PLAN}?y=2&z=3") == 1
