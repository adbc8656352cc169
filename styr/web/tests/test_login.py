"""Signing in at /login/ with username and password; repeated failures are throttled."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from styr.access.models import LoginFailures
from styr.web import throttle

pytestmark = pytest.mark.django_db


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


def _fail(client: Client, times: int, username: str = "ks.redaktor") -> None:
    for _ in range(times):
        client.post("/login/", {"username": username, "password": "fel"})
        # Each failure waits out the delay of the one before: time moves, nobody sleeps.
        LoginFailures.objects.update(last_at=timezone.now() - timedelta(hours=1))


def test_it_makes_the_right_password_wait_after_repeated_failures(client: Client) -> None:
    _fail(client, 5)
    LoginFailures.objects.update(last_at=timezone.now())
    response = client.post("/login/", {"username": "ks.redaktor", "password": "demo"})
    assert "För många misslyckade inloggningar. Försök igen om 8 sekunder." in (
        response.content.decode()
    )
    assert "_auth_user_id" not in client.session
    # Another account from the same address is not affected.
    other = client.post("/login/", {"username": "politiker", "password": "demo"})
    assert other.status_code == 302


def test_the_delay_grows_and_the_right_password_lifts_it_once_waited(client: Client) -> None:
    _fail(client, 4)
    LoginFailures.objects.update(last_at=timezone.now())
    first = throttle.wait("ks.redaktor", "127.0.0.1")
    LoginFailures.objects.update(last_at=timezone.now() - timedelta(hours=1))
    _fail(client, 3)
    LoginFailures.objects.update(last_at=timezone.now())
    later = throttle.wait("ks.redaktor", "127.0.0.1")
    assert first is not None and later is not None and later.seconds == 8 * first.seconds
    # Once the delay has passed, the right password signs in and the count starts afresh.
    LoginFailures.objects.update(last_at=timezone.now() - timedelta(minutes=16))
    response = client.post("/login/", {"username": "ks.redaktor", "password": "demo"})
    assert response.status_code == 302
    assert not LoginFailures.objects.filter(scope="konto:ks.redaktor").exists()


def test_many_failures_from_one_address_slow_every_account_from_it(client: Client) -> None:
    for number in range(21):
        _fail(client, 1, f"gissning{number}")
    LoginFailures.objects.update(last_at=timezone.now())
    response = client.post("/login/", {"username": "politiker", "password": "demo"})
    assert "Försök igen om" in response.content.decode()


def test_the_admins_sign_in_is_throttled_too(client: Client) -> None:
    for _ in range(4):
        client.post("/admin/login/", {"username": "admin", "password": "fel"})
        LoginFailures.objects.update(last_at=timezone.now() - timedelta(hours=1))
    LoginFailures.objects.update(last_at=timezone.now())
    response = client.post("/admin/login/?next=/admin/", {"username": "admin", "password": "demo"})
    assert response.status_code == 200
    assert "För många misslyckade inloggningar" in response.content.decode()


def test_a_new_password_must_be_long_and_uncommon() -> None:
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    for weak in ("kort1", "password1234", "123456789012"):
        with pytest.raises(ValidationError):
            validate_password(weak)
    validate_password("Mark-kommun-budget-2024")
