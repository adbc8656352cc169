"""Tokens for the personas, made through the action as the web page makes them."""

from datetime import timedelta

from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone

from styr.api.actions import do_create_token
from styr.organisation.models import Body

# The portal's plans with follow-up, some of it internal (followed_up, reported).
from styr.portal.tests.conftest import followed_up, reported  # noqa: F401


def token_of(user: User, *codes: str, may_write: bool = True, days: int = 30) -> str:
    """A new token of the user for the Marks bodies with these codes; its secret."""
    bodies = list(Body.objects.filter(municipality__key="marks", code__in=codes))
    _token, secret = do_create_token(
        user, name="test", bodies=bodies, may_write=may_write,
        expires_on=timezone.localdate() + timedelta(days=days), acting_user=user,
    )  # fmt: skip
    return secret


def api(token: str | None = None) -> Client:
    """A client that calls the API, with the token when one is given."""
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return Client(headers=headers)
