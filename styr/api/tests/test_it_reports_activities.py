"""A token reports an activity's progress as the web's activity list does."""

import json
from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from styr.activities.models import ActivityFollowUp
from styr.api.actions import do_create_token
from styr.api.tests.conftest import api, token_of
from styr.plans.models import Plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def bun() -> Plan:
    return Plan.objects.get(body__municipality__key="styrby", body__code="BUN", year=2024)


def _token(plan: Plan, *, may_write: bool = True) -> str:
    user = User.objects.get(username="bun.redaktor")
    _stored, secret = do_create_token(
        user, name="test", bodies=[plan.body], may_write=may_write,
        expires_on=timezone.localdate() + timedelta(days=5), acting_user=user,
    )  # fmt: skip
    return secret


def _url(plan: Plan, occasion: str) -> str:
    activity = plan.activities.order_by("pk")[0]
    return f"/api/plans/{plan.pk}/follow-up/{occasion}/activities/{activity.pk}"


def _put(token: str, url: str, data: dict[str, object], etag: str) -> int:
    response = api(token).put(url, json.dumps(data), content_type="application/json",
                              secure=True, headers={"If-Match": etag})  # fmt: skip
    return response.status_code


def test_it_reports_progress_in_an_open_report(bun: Plan) -> None:
    token = _token(bun)
    url = _url(bun, "bokslut")
    etag = api(token).get(url, secure=True)["ETag"]
    assert _put(token, url, {"percent_complete": 80, "comment": "Nästan klart."}, etag) == 200
    stored = ActivityFollowUp.objects.get(activity=bun.activities.order_by("pk")[0],
                                          occasion__key="bokslut")  # fmt: skip
    assert (stored.percent_complete, stored.comment) == (80, "Nästan klart.")
    assert _put(token, url, {"percent_complete": 90}, etag) == 412


def test_it_refuses_an_adopted_report_a_read_only_token_and_another_body(
    bun: Plan, editor: User
) -> None:
    token = _token(bun)
    decided = _url(bun, "tertial1")
    etag = api(token).get(decided, secure=True)["ETag"]
    assert _put(token, decided, {"percent_complete": 10}, etag) == 409
    reader = _token(bun, may_write=False)
    url = _url(bun, "bokslut")
    etag = api(reader).get(url, secure=True)["ETag"]
    assert _put(reader, url, {"percent_complete": 10}, etag) == 403
    # Marks' Kommunstyrelsen editor: Styrby's plan is out of their reach, and of their token's.
    assert _put(token_of(editor, "KS"), url, {"percent_complete": 10}, etag) == 404
    assert api(token).get(f"/api/plans/{bun.pk}/follow-up/plan/activities/1",
                          secure=True).status_code == 404  # fmt: skip
