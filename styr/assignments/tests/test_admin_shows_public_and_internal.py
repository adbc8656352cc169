"""The Django admin shows whether an indicator or assignment is public and whether a
follow-up's comment or analysis is internal, to staff only."""

import pytest
from django.contrib.auth.models import User
from django.test import Client

from styr.indicators.models import Indicator
from styr.plans.models import Plan

pytestmark = pytest.mark.django_db


def _pages(plan: Plan) -> dict[str, list[str]]:
    indicator = Indicator.objects.get(body=plan.body, key="nya-bostader")
    assignment = plan.assignments.get(key="se-over-avtal-foreningar")
    goal = plan.goals.get(key="basta-foretagskommun")
    goal.follow_ups.get_or_create(occasion=plan.occasions.get(key="delar"),
                                  defaults={"analysis": "Intern.", "internal": True})  # fmt: skip
    return {
        f"/admin/indicators/indicator/{indicator.pk}/change/": ['name="public"'],
        f"/admin/assignments/assignment/{assignment.pk}/change/": [
            'name="public"', 'name="follow_ups-0-internal"',
        ],
        f"/admin/steering/committeegoal/{goal.pk}/change/": ['name="follow_ups-0-internal"'],
    }  # fmt: skip


def test_it_shows_the_flags_to_the_administrator(client: Client, ks_plan: Plan) -> None:
    client.login(username="admin", password="demo")
    for url, fields in _pages(ks_plan).items():
        page = client.get(url).content.decode()
        for field in fields:
            assert field in page, (url, field)
    listed = client.get("/admin/assignments/assignment/", {"public__exact": "0"})
    assert listed.status_code == 200


def test_it_refuses_users_who_are_not_staff(
    client: Client, editor: User, outsider: User, ks_plan: Plan
) -> None:
    pages = _pages(ks_plan)
    for user in (editor, outsider):
        client.force_login(user)
        for url in pages:
            assert "/admin/login/" in client.get(url)["Location"]
