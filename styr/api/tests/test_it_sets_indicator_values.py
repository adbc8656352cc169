"""A token enters outcomes and forecasts as the indicator's page does; targets are the plan's."""

import json
from decimal import Decimal
from typing import TYPE_CHECKING

import pytest
from django.contrib.auth.models import User

from styr.api.tests.conftest import api, token_of
from styr.indicators.models import Indicator, IndicatorValue
from styr.plans.models import Plan

if TYPE_CHECKING:  # the test client's response type exists only in the stubs
    from django.test.client import _MonkeyPatchedWSGIResponse

pytestmark = pytest.mark.django_db


def _url(plan: Plan, year: int, kind: str) -> str:
    indicator = Indicator.objects.filter(goalindicator__goal__plan=plan).order_by("pk")[0]
    return f"/api/plans/{plan.pk}/indicators/{indicator.pk}/values/{year}/{kind}"


def _put(token: str, url: str, value: float | None, etag: str) -> "_MonkeyPatchedWSGIResponse":
    return api(token).put(url, json.dumps({"value": value}), content_type="application/json",
                          secure=True, headers={"If-Match": etag})  # fmt: skip


def test_it_enters_an_outcome_and_removes_it(editor: User, adopted_plan: Plan) -> None:
    token = token_of(editor, "KS")
    url = _url(adopted_plan, 2024, "outcome")
    etag = api(token).get(url, secure=True)["ETag"]
    response = _put(token, url, 83.6, etag)
    assert response.status_code == 200, response.content
    assert response.json()["value"] == 83.6
    stored = IndicatorValue.objects.get(year=2024, kind="outcome",
                                        indicator_id=response.json()["indicator"])  # fmt: skip
    assert stored.value == Decimal("83.6")
    assert _put(token, url, None, response["ETag"]).status_code == 200
    assert not IndicatorValue.objects.filter(pk=stored.pk).exists()


def test_it_refuses_a_target_a_stale_value_and_a_year_outside(
    editor: User, adopted_plan: Plan
) -> None:
    token = token_of(editor, "KS")
    target = _url(adopted_plan, 2024, "target")
    assert api(token).get(target, secure=True).status_code == 400
    url = _url(adopted_plan, 2024, "forecast")
    etag = api(token).get(url, secure=True)["ETag"]
    assert _put(token, url, 10, etag).status_code == 200
    assert _put(token, url, 11, etag).status_code == 412
    far = _url(adopted_plan, 2040, "outcome")
    response = api(token).get(far, secure=True)
    assert (
        response.status_code == 400
        and "År: välj ett år mellan 2020 och 2026" in response.json()["detail"]
    )


def test_it_refuses_an_outsiders_token(outsider: User, adopted_plan: Plan) -> None:
    token = token_of(outsider, "KFN")
    assert _put(token, _url(adopted_plan, 2024, "outcome"), 1, "x").status_code == 404
