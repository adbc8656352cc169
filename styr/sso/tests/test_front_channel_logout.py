"""Signing out at the provider (or in another application of the municipality) ends the Styr
session the provider's sign-in opened: the provider calls /oidc/logout/ with its session id,
without any Styr cookie."""

import jwt
import pytest
from django.test import Client

from styr.sso.tests.conftest import Provider, Visitor

pytestmark = pytest.mark.django_db


def test_it_ends_the_session_of_the_providers_sid(sso: Provider, visitor: Visitor) -> None:
    visitor.sign_in(sso.add_account("karin", groups=[]))
    sid = jwt.decode(visitor.client.session["oidc_id_token"],
                     options={"verify_signature": False})["sid"]  # fmt: skip
    bystander = Visitor(Client())
    bystander.sign_in(sso.add_account("lars", groups=[]))
    assert visitor.client.get("/").status_code == 200

    # A call from another issuer is refused and ends nothing.
    assert (
        Client().get("/oidc/logout/", {"iss": "https://evil.example", "sid": sid}).status_code
        == 400
    )
    assert visitor.client.get("/").status_code == 200

    response = Client().get("/oidc/logout/", {"iss": sso.issuer, "sid": sid})

    assert response.status_code == 200
    assert visitor.client.get("/")["Location"].startswith("/login/")
    assert bystander.client.get("/").status_code == 200


def test_without_a_sid_it_ends_the_session_whose_cookie_came_along(
    sso: Provider, visitor: Visitor
) -> None:
    visitor.sign_in(sso.add_account("maria", groups=[]))
    client = Client()
    client.post("/login/", {"username": "ks.redaktor", "password": "demo"})
    # A local session is no provider's to end.
    assert client.get("/oidc/logout/").status_code == 200
    assert client.get("/").status_code == 200

    assert visitor.client.get("/oidc/logout/", {"iss": sso.issuer}).status_code == 200

    assert visitor.client.get("/")["Location"].startswith("/login/")
