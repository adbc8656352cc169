"""Signing out of Styr after a sign-in through the provider ends the provider's session too
(RP-initiated logout): the next "Logga in med …" asks for the password again. A local
account's sign-out stays in Styr."""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.test import Client

from styr.sso.tests.conftest import Provider, Visitor

pytestmark = pytest.mark.django_db


def test_it_ends_the_provider_session(sso: Provider, visitor: Visitor) -> None:
    login = sso.add_account("hanna", groups=[])
    visitor.sign_in(login)
    id_token = visitor.client.session["oidc_id_token"]
    # While the provider's session lasts, a new sign-in asks nothing.
    visitor.client.logout()
    start = visitor.client.get("/oidc/authenticate/")
    assert visitor.follow_at_provider(start["Location"]).is_redirect

    visitor.sign_in(login)
    response = visitor.client.post("/logout/")

    assert response.status_code == 302
    out = urlsplit(response["Location"])
    assert f"{out.scheme}://{out.netloc}{out.path}" == sso.discovery["end_session_endpoint"]
    query = parse_qs(out.query)
    assert query["post_logout_redirect_uri"] == ["http://testserver/login/"]
    assert query["id_token_hint"] != [id_token]  # the token of this sign-in, not the last
    assert "_auth_user_id" not in visitor.client.session
    # The provider asks "sign out?"; yes, and it sends the person back to Styr's login page.
    confirm = visitor.follow_at_provider(response["Location"])
    assert "logout" in confirm.text
    xsrf = confirm.text.split('name="xsrf" value="')[1].split('"')[0]
    action = confirm.text.split('action="')[1].split('"')[0]
    back = visitor.follow_at_provider(
        f"{sso.issuer}{action}" if action.startswith("/") else action, xsrf=xsrf, logout="yes"
    )
    assert back.headers["Location"] == "http://testserver/login/"

    start = visitor.client.get("/oidc/authenticate/")
    again = visitor.follow_at_provider(start["Location"])
    assert not again.is_redirect and 'name="password"' in again.text


def test_a_local_sign_out_stays_in_styr(sso: Provider, client: Client) -> None:
    client.post("/login/", {"username": "ks.redaktor", "password": "demo"})
    response = client.post("/logout/")
    assert response["Location"] == "/login/"
    # Signing out is a form post: a link (GET) signs nobody out.
    assert Client().get("/logout/").status_code == 405
