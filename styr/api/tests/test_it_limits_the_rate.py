"""Too many requests are answered 429 with the time to wait, per address or per token."""

import pytest
from django.contrib.auth.models import User
from django.test import override_settings

from styr.api.tests.conftest import api, token_of

pytestmark = pytest.mark.django_db


@override_settings(API_RATE_ANONYMOUS="3/m", API_RATE_TOKEN="5/m")
def test_it_answers_429_after_the_limit(editor: User) -> None:
    for _ in range(3):
        assert api().get("/api/plans", secure=True).status_code == 200
    refused = api().get("/api/plans", secure=True)
    assert refused.status_code == 429 and int(refused["Retry-After"]) > 0
    assert "För många anrop" in refused.json()["detail"]
    # A token has its own allowance.
    token = token_of(editor, "KS")
    assert api(token).get("/api/plans", secure=True).status_code == 200
