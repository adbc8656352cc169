"""With a token the API shows what its official may see, in the token's bodies only."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from styr.api.models import ApiToken
from styr.api.tests.conftest import api, token_of
from styr.plans.models import Plan

pytestmark = pytest.mark.django_db


def test_it_reads_a_draft_the_official_may_see(editor: User, ks_plan: Plan) -> None:
    token = token_of(editor, "KS")
    response = api(token).get(f"/api/plans/{ks_plan.pk}", secure=True)
    assert response.status_code == 200 and response.json()["state"] == "draft"
    listed = api(token).get("/api/plans", secure=True).json()["items"]
    assert {p["body"] for p in listed} == {"KS"}  # the token's body only, not Styrby's


def test_it_keeps_to_the_tokens_bodies(ks_plan: Plan) -> None:
    # The administrator reads every plan in Styr; this token was made for KS alone.
    token = token_of(User.objects.get(username="admin"), "KS")
    assert api(token).get(f"/api/plans/{ks_plan.pk}", secure=True).status_code == 200
    for other in Plan.objects.exclude(pk=ks_plan.pk):
        assert api(token).get(f"/api/plans/{other.pk}", secure=True).status_code == 404


def test_it_refuses_an_outsider(outsider: User, ks_plan: Plan) -> None:
    token = token_of(outsider, "KFN")
    response = api(token).get(f"/api/plans/{ks_plan.pk}", secure=True)
    assert response.status_code == 404


def test_it_refuses_a_revoked_expired_or_unknown_token(editor: User, ks_plan: Plan) -> None:
    token = token_of(editor, "KS")
    stored = ApiToken.objects.get(user=editor)
    assert stored.digest != token and token not in stored.prefix
    ApiToken.objects.filter(pk=stored.pk).update(revoked_at=timezone.now())
    assert api(token).get(f"/api/plans/{ks_plan.pk}", secure=True).status_code == 401
    fresh = token_of(editor, "KS")
    ApiToken.objects.filter(revoked_at__isnull=True).update(
        expires_on=timezone.localdate() - timedelta(days=1)
    )
    assert api(fresh).get(f"/api/plans/{ks_plan.pk}", secure=True).status_code == 401
    assert api("styr_nonsense").get("/api/plans", secure=True).status_code == 401
