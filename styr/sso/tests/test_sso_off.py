"""With single sign-on off (no OIDC_RP_CLIENT_ID) nothing changes for local accounts: no
button, no /oidc/ routes, and signing out stays in Styr."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_it_shows_no_provider_button_when_sso_is_off(client: Client) -> None:
    page = client.get("/login/").content.decode()
    assert "Logga in med" not in page and "/oidc/" not in page
    assert client.get("/oidc/authenticate/").status_code == 404
    assert client.get("/oidc/callback/?code=x&state=y").status_code == 404


def test_local_accounts_sign_in_and_out_as_before(client: Client) -> None:
    assert (
        client.post("/login/", {"username": "ks.redaktor", "password": "demo"})["Location"] == "/"
    )
    # A local account that tries the wrong password is refused.
    other = Client()
    refused = other.post("/login/", {"username": "politiker", "password": "fel"})
    assert refused.status_code == 200 and "_auth_user_id" not in other.session
    response = client.post("/logout/")
    assert response.status_code == 302 and response["Location"] == "/login/"


def test_the_providers_sign_out_call_is_not_there_when_sso_is_off(client: Client) -> None:
    assert client.get("/oidc/logout/?sid=x").status_code == 404
