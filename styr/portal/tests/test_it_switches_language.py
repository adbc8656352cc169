"""The portal's language switch is a link that keeps the reader on the page they read."""

import pytest

from styr.plans.models import Plan
from styr.portal.tests.conftest import portal_get
from styr.web.tests.helpers import client_for

pytestmark = pytest.mark.django_db


def test_it_switches_to_english_and_back(adopted_plan: Plan) -> None:
    client = client_for(None)
    response = client.get("/oppen/sprak/en/?next=/oppen/marks/KS/2024/", secure=True)
    assert response.status_code == 302 and response["Location"] == "/oppen/marks/KS/2024/"
    status, page = portal_get(client, "/oppen/marks/KS/2024/")
    assert status == 200 and "Goals" in page and "Adopted 2023-11-30 § 201." in page
    client.get("/oppen/sprak/sv/", secure=True)
    assert "Fastställd 2023-11-30" in portal_get(client, "/oppen/marks/KS/2024/")[1]


def test_it_refuses_a_foreign_address_and_an_unknown_language() -> None:
    client = client_for(None)
    response = client.get("/oppen/sprak/en/?next=https://evil.example/", secure=True)
    assert response["Location"] == "/oppen/"
    assert client.get("/oppen/sprak/xx/", secure=True).status_code == 404
