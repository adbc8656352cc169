"""Without a token the API shows what the open portal does, and nothing more."""

import pytest

from styr.api.tests.conftest import api
from styr.indicators.models import Indicator
from styr.plans.models import Plan

pytestmark = pytest.mark.django_db


def test_it_lists_only_adopted_plans(ks_plan: Plan) -> None:
    response = api().get("/api/plans", secure=True)
    assert response.status_code == 200
    listed = {(p["municipality"], p["body"]) for p in response.json()["items"]}
    assert listed == {("styrby", "BUN")}
    assert api().get(f"/api/plans/{ks_plan.pk}", secure=True).status_code == 404


def test_it_shows_an_adopted_plan_with_its_goals(adopted_plan: Plan) -> None:
    body = api().get("/api/plans?municipality=marks&year=2024", secure=True).json()
    assert [p["id"] for p in body["items"]] == [adopted_plan.pk]
    goals = api().get(f"/api/plans/{adopted_plan.pk}/goals", secure=True).json()
    assert len(goals) == adopted_plan.goals.count()
    assert all(g["status"] in {"met", "near", "not_met", "no_data"} for g in goals)


def test_it_withholds_internal_follow_up(reported: Plan) -> None:
    goals = api().get(f"/api/plans/{reported.pk}/goals", secure=True).json()
    analyses = " ".join(g["analysis"] for g in goals)
    assert "Öppen analys om trygghet" in analyses and "Hemlig analys" not in analyses
    tasks = api().get(f"/api/plans/{reported.pk}/assignments", secure=True).json()
    comments = " ".join(a["comment"] for a in tasks)
    assert "Öppen kommentar om uppdraget" in comments and "Intern kommentar" not in comments


def test_it_hides_an_indicator_not_public(adopted_plan: Plan) -> None:
    indicator = Indicator.objects.filter(goalindicator__goal__plan=adopted_plan).first()
    assert indicator is not None
    assert api().get(f"/api/indicators/{indicator.pk}", secure=True).status_code == 200
    Indicator.objects.filter(pk=indicator.pk).update(public=False)
    assert api().get(f"/api/indicators/{indicator.pk}", secure=True).status_code == 404


def test_it_refuses_writing_without_a_token(adopted_plan: Plan) -> None:
    goal = adopted_plan.goals.first()
    assert goal is not None
    url = f"/api/plans/{adopted_plan.pk}/follow-up/delar/goals/{goal.pk}"
    response = api().put(url, {"analysis": "x"}, content_type="application/json", secure=True)
    assert response.status_code == 401
    assert "API-nyckeln saknas" in response.json()["detail"]


def test_it_names_only_the_decided_occasions(adopted_plan: Plan) -> None:
    # The interim and annual reports are still being written: a resident does not see them.
    plan = api().get(f"/api/plans/{adopted_plan.pk}", secure=True).json()
    assert [o["key"] for o in plan["occasions"]] == ["plan"]
