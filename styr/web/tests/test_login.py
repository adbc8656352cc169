"""Signing in at /login/ with username and password; repeated failures are throttled."""

import pytest
from django.core.cache import cache
from django.test import Client

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_throttle() -> None:
    cache.clear()


def test_it_signs_in_and_goes_to_the_start_page(client: Client) -> None:
    response = client.post("/login/", {"username": "ks.redaktor", "password": "demo"})
    assert response.status_code == 302 and response["Location"] == "/"
    assert "Kommunstyrelsen" in client.get("/").content.decode()


def test_it_sends_visitors_to_the_login_page(client: Client) -> None:
    response = client.get("/")
    assert response.status_code == 302 and response["Location"].startswith("/login/")


def test_it_says_when_the_password_is_wrong(client: Client) -> None:
    response = client.post("/login/", {"username": "ks.redaktor", "password": "fel"})
    assert response.status_code == 200
    assert "Fel användarnamn eller lösenord." in response.content.decode()


def test_it_refuses_even_the_right_password_after_five_failures(client: Client) -> None:
    for _ in range(5):
        client.post("/login/", {"username": "ks.redaktor", "password": "fel"})
    response = client.post("/login/", {"username": "ks.redaktor", "password": "demo"})
    assert "För många misslyckade inloggningar" in response.content.decode()
    assert "_auth_user_id" not in client.session
    # Another account from the same address is not affected.
    other = client.post("/login/", {"username": "politiker", "password": "demo"})
    assert other.status_code == 302
