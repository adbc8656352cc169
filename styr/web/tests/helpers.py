"""Signing the three personas in, and reading a page as text."""

import html
import re

from django.contrib.auth.models import User
from django.http import HttpResponseBase
from django.test import Client


def client_for(user: User | None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def text_of(response: HttpResponseBase) -> str:
    page = response.content.decode("utf-8")  # type: ignore[attr-defined]
    return html.unescape(" ".join(re.sub(r"<[^>]+>", " ", page).split()))
