"""The API's list endpoints read a plan in a number of queries that does not grow with it."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from styr.api.tests.conftest import api
from styr.indicators.models import GoalIndicator
from styr.plans.models import Plan
from styr.steering.models import CommitteeGoal

pytestmark = pytest.mark.django_db


def _queries(path: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert api().get(path, secure=True).status_code == 200
    return len(queries)


@pytest.mark.parametrize("part", ["goals", "assignments"])
def test_it_reads_a_larger_plan_in_as_many_queries(adopted_plan: Plan, part: str) -> None:
    path = f"/api/plans/{adopted_plan.pk}/{part}"
    before = _queries(path)
    link = GoalIndicator.objects.filter(goal__plan=adopted_plan).first()
    assert link is not None
    for n in range(5):
        # Straight into the tables: an adopted plan's actions refuse new goals.
        goal = CommitteeGoal.objects.create(plan=adopted_plan, key=f"extra-{n}",
                                            title=f"Extra {n}", position=100 + n)  # fmt: skip
        GoalIndicator.objects.create(goal=goal, indicator=link.indicator)
    assert _queries(path) == before


def test_it_lists_plans_in_as_many_queries_whatever_their_number(adopted_plan: Plan) -> None:
    one = _queries("/api/plans?municipality=marks")
    assert _queries("/api/plans") == one
