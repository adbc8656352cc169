"""The portal's fixtures: the Kommunstyrelsen plan adopted and its interim report decided, with
follow-up of every kind, some of it internal or not public."""

from datetime import date

import pytest
from django.test import Client

from styr.assignments.models import Assignment, AssignmentFollowUp
from styr.plans.actions import do_change_occasion_state
from styr.plans.models import Plan
from styr.scales.models import ScaleOption
from styr.steering.models import GoalFollowUp


def portal_get(client: Client, path: str) -> "tuple[int, str]":
    from styr.web.tests.helpers import text_of

    response = client.get(path, secure=True)
    return response.status_code, text_of(response) if response.status_code == 200 else ""


def option(scale: str, key: str) -> ScaleOption:
    return ScaleOption.objects.filter(scale__key=scale, key=key).order_by("-scale__version")[0]


@pytest.fixture
def followed_up(adopted_plan: Plan) -> Plan:
    """The adopted plan with the interim report's follow-up written, the report not yet
    adopted: one goal assessed with an open and one with an internal analysis, one assignment
    with an open and one with an internal comment."""
    delar = adopted_plan.occasions.get(key="delar")
    first, second = adopted_plan.goals.order_by("position")[:2]
    GoalFollowUp.objects.update_or_create(
        goal=first, occasion=delar,
        defaults={"fulfilment": option("goal-fulfilment", "met"),
                  "analysis": "Öppen analys om trygghet", "internal": False},
    )  # fmt: skip
    GoalFollowUp.objects.update_or_create(
        goal=second, occasion=delar,
        defaults={"fulfilment": option("goal-fulfilment", "not_met"),
                  "analysis": "Hemlig analys om personalen", "internal": True},
    )  # fmt: skip
    one, two = Assignment.objects.filter(plan=adopted_plan).order_by("position")[:2]
    AssignmentFollowUp.objects.update_or_create(
        assignment=one, occasion=delar, defaults={"comment": "Öppen kommentar om uppdraget"}
    )
    AssignmentFollowUp.objects.update_or_create(
        assignment=two, occasion=delar,
        defaults={"comment": "Intern kommentar om förhandlingen", "internal": True},
    )  # fmt: skip
    return adopted_plan


@pytest.fixture
def reported(followed_up: Plan) -> Plan:
    """The same, with the interim report adopted."""
    do_change_occasion_state(
        followed_up.occasions.get(key="delar"), "adopt", acting_user=None,
        adopted_on=date(2024, 10, 14), adopted_minute="§ 150",
    )  # fmt: skip
    followed_up.refresh_from_db()
    return followed_up
