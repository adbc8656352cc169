"""A token reports follow-up through the same actions and rules as the web: audited as its
official, refused where the official or the token may not, and never over a change made since
it read (If-Match)."""

import json
from typing import TYPE_CHECKING

import pytest
from django.contrib.auth.models import User

from styr.api.tests.conftest import api, token_of
from styr.audit.models import AuditEntry
from styr.plans.models import Plan
from styr.steering.models import GoalFollowUp

if TYPE_CHECKING:  # the test client's response type exists only in the stubs
    from django.test.client import _MonkeyPatchedWSGIResponse

pytestmark = pytest.mark.django_db


def _goal_url(plan: Plan, occasion: str = "delar") -> str:
    goal = plan.goals.order_by("position")[0]
    return f"/api/plans/{plan.pk}/follow-up/{occasion}/goals/{goal.pk}"


def _put(
    token: str, url: str, data: dict[str, object], etag: str | None
) -> "_MonkeyPatchedWSGIResponse":
    headers = {"If-Match": etag} if etag is not None else {}
    return api(token).put(url, json.dumps(data), content_type="application/json", secure=True,
                          headers=headers)  # fmt: skip


def test_it_assesses_a_goal_as_its_official(editor: User, adopted_plan: Plan) -> None:
    token = token_of(editor, "KS")
    url = _goal_url(adopted_plan)
    read = api(token).get(url, secure=True)
    assert read.status_code == 200 and read.json()["fulfilment"] is None
    data = {"fulfilment": "met", "analysis": "Målet nås enligt mätningen.", "internal": True}
    response = _put(token, url, data, read["ETag"])
    assert response.status_code == 200, response.content
    assert response.json()["fulfilment"] == "met" and response["ETag"] != read["ETag"]
    stored = GoalFollowUp.objects.get(goal=adopted_plan.goals.order_by("position")[0],
                                      occasion__key="delar")  # fmt: skip
    assert stored.internal and stored.analysis == "Målet nås enligt mätningen."
    entry = AuditEntry.objects.order_by("-pk").first()
    assert entry is not None and entry.actor == editor


def test_it_refuses_a_change_without_or_with_a_stale_etag(editor: User, adopted_plan: Plan) -> None:
    token = token_of(editor, "KS")
    url = _goal_url(adopted_plan)
    etag = api(token).get(url, secure=True)["ETag"]
    assert _put(token, url, {"analysis": "a"}, None).status_code == 428
    assert _put(token, url, {"fulfilment": "met", "analysis": "Först"}, etag).status_code == 200
    late = _put(token, url, {"fulfilment": "not_met", "analysis": "Sen"}, etag)
    assert late.status_code == 412 and "Någon annan har ändrat" in late.json()["detail"]
    assert (
        GoalFollowUp.objects.get(goal__plan=adopted_plan, occasion__key="delar").analysis == "Först"
    )


def test_it_refuses_a_read_only_token_and_a_reader(
    editor: User, reader: User, adopted_plan: Plan
) -> None:
    url = _goal_url(adopted_plan)
    read_only = token_of(editor, "KS", may_write=False)
    etag = api(read_only).get(url, secure=True)["ETag"]
    assert _put(read_only, url, {"analysis": "x"}, etag).status_code == 403
    politician = token_of(reader, "KS")
    assert _put(politician, url, {"analysis": "x"}, etag).status_code == 403


def test_a_token_of_one_body_cannot_write_anothers(outsider: User, adopted_plan: Plan) -> None:
    # kfn.redaktor edits Kultur- och fritidsnämnden's plan, not Kommunstyrelsen's.
    token = token_of(outsider, "KFN")
    url = _goal_url(adopted_plan)
    assert _put(token, url, {"fulfilment": "met", "analysis": "x"}, "0").status_code == 404
    assert not GoalFollowUp.objects.filter(goal__plan=adopted_plan, occasion__key="delar").exists()


def test_it_refuses_a_decided_report_and_an_unknown_option(editor: User, reported: Plan) -> None:
    token = token_of(editor, "KS")
    url = _goal_url(reported)
    etag = api(token).get(url, secure=True)["ETag"]
    decided = _put(token, url, {"fulfilment": "met", "analysis": "x"}, etag)
    assert decided.status_code == 409 and "fastställd" in decided.json()["detail"]
    open_url = _goal_url(reported, "arsrapport")
    etag = api(token).get(open_url, secure=True)["ETag"]
    wrong = _put(token, open_url, {"fulfilment": "kanske", "analysis": "x"}, etag)
    assert wrong.status_code == 400 and "'kanske' finns inte i skalan" in wrong.json()["detail"]


def test_it_reports_an_assignment(editor: User, adopted_plan: Plan) -> None:
    token = token_of(editor, "KS")
    assignment = adopted_plan.assignments.order_by("position")[0]
    url = f"/api/plans/{adopted_plan.pk}/follow-up/delar/assignments/{assignment.pk}"
    etag = api(token).get(url, secure=True)["ETag"]
    response = _put(token, url, {"status": "ongoing", "comment": "Arbetet pågår."}, etag)
    assert response.status_code == 200, response.content
    assert response.json()["comment"] == "Arbetet pågår."
    assert assignment.follow_ups.get(occasion__key="delar").comment == "Arbetet pågår."


def test_it_keeps_the_internal_mark_a_change_leaves_out(editor: User, adopted_plan: Plan) -> None:
    token = token_of(editor, "KS")
    url = _goal_url(adopted_plan)
    etag = api(token).get(url, secure=True)["ETag"]
    first = _put(token, url, {"fulfilment": "met", "analysis": "Intern.", "internal": True}, etag)
    assert first.status_code == 200
    second = _put(token, url, {"fulfilment": "met", "analysis": "Ändrad."}, first["ETag"])
    assert second.status_code == 200 and second.json()["internal"] is True


def test_it_refuses_a_weak_etag(editor: User, adopted_plan: Plan) -> None:
    # If-Match compares strongly: a weak tag is never the stored version.
    token = token_of(editor, "KS")
    url = _goal_url(adopted_plan)
    etag = api(token).get(url, secure=True)["ETag"]
    assert _put(token, url, {"fulfilment": "met", "analysis": "x"}, f"W/{etag}").status_code == 412
