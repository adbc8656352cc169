"""With single sign-on on, the login page offers the provider's sign-in beside the local form,
and the button keeps where the person was going."""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.test import Client

from styr.sso.tests.conftest import CLIENT_ID, Provider

pytestmark = pytest.mark.django_db


def test_it_offers_the_provider_beside_the_local_form(sso: Provider, client: Client) -> None:
    page = client.get("/login/?next=/sok/").content.decode()
    assert "Logga in med Testleverantören" in page
    assert 'href="/oidc/authenticate/?next=/sok/"' in page
    assert 'name="password"' in page  # local accounts still sign in here

    start = client.get("/oidc/authenticate/?next=/sok/")
    assert start.status_code == 302
    query = parse_qs(urlsplit(start["Location"]).query)
    assert start["Location"].startswith(sso.discovery["authorization_endpoint"])
    assert query["client_id"] == [CLIENT_ID] and query["code_challenge_method"] == ["S256"]
    assert query["redirect_uri"] == ["http://testserver/oidc/callback/"]
    assert client.session["oidc_login_next"] == "/sok/"
    # A next address elsewhere is not followed.
    client.get("/oidc/authenticate/?next=https://elsewhere.example/")
    assert client.session["oidc_login_next"] is None


def test_a_local_account_still_signs_in_with_its_password(sso: Provider, client: Client) -> None:
    assert (
        client.post("/login/", {"username": "ks.redaktor", "password": "demo"}).status_code == 302
    )
    refused = Client().post("/login/?code=x&state=y", {"username": "politiker", "password": "fel"})
    assert refused.status_code == 200
    assert "Fel användarnamn eller lösenord." in refused.content.decode()
