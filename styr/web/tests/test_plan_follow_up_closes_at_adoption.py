"""The plan's own follow-up (the statuses and comments the plan prints) is decided with the
plan: on the web it is shown read-only once the plan is adopted, with where follow-up goes on,
and a change posted anyway is refused and nothing is stored."""

import pytest
from django.contrib.auth.models import User
from django.http import HttpResponseBase
from django.test import Client

from styr.assignments.models import AssignmentFollowUp
from styr.plans.models import Plan
from styr.web.tests.helpers import client_for, text_of

pytestmark = pytest.mark.django_db
HTMX = {"HX-Request": "true"}
KEY = "p-huset-kinna"


def _posted(plan: Plan, client: Client, occasion: str) -> HttpResponseBase:
    assignment = plan.assignments.get(key=KEY)
    url = f"/plan/{plan.pk}/uppfoljning/{occasion}/uppdrag/{assignment.pk}/"
    posted = {"status": "closed", "comment": "Klart i december."}
    return client.post(url, posted, headers=HTMX)


def _comment(plan: Plan, occasion: str) -> str:
    found = AssignmentFollowUp.objects.filter(
        assignment__plan=plan, assignment__key=KEY, occasion__key=occasion
    ).first()
    return found.comment if found else ""


def test_the_draft_plans_follow_up_is_entered(editor: User, ks_plan: Plan) -> None:
    response = _posted(ks_plan, client_for(editor), "plan")
    assert response.status_code == 200
    assert _comment(ks_plan, "plan") == "Klart i december."


def test_the_adopted_plans_own_follow_up_is_read_only(editor: User, adopted_plan: Plan) -> None:
    client = client_for(editor)
    before = _comment(adopted_plan, "plan")
    page = text_of(client.get(f"/plan/{adopted_plan.pk}/uppfoljning/plan/"))
    assert "är fastställd (2023-11-30, § 201)" in page
    assert "Årets uppföljning förs in i rapporterna" in page
    response = _posted(adopted_plan, client, "plan")
    assert "uppföljningen i planen är en del av beslutet" in text_of(response)
    assert _comment(adopted_plan, "plan") == before
    # The interim report's follow-up goes on.
    _posted(adopted_plan, client, "delar")
    assert _comment(adopted_plan, "delar") == "Klart i december."


def test_a_reader_reports_nothing(reader: User, ks_plan: Plan) -> None:
    before = _comment(ks_plan, "plan")
    response = _posted(ks_plan, client_for(reader), "plan")
    assert response.status_code in (403, 404)
    assert _comment(ks_plan, "plan") == before
