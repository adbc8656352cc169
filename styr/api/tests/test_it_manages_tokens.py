"""An official creates a token on the web, sees it once, and revokes it; no one else's."""

import pytest
from django.contrib.auth.models import User

from styr.api.models import ApiToken
from styr.audit.models import AuditEntry
from styr.organisation.models import Body
from styr.web.tests.helpers import client_for, text_of

pytestmark = pytest.mark.django_db

PAGE = "/konto/api-nycklar/"


def test_it_creates_a_token_shown_once(editor: User) -> None:
    ks = Body.objects.get(municipality__key="marks", code="KS")
    client = client_for(editor)
    created = client.post(PAGE, {"name": "Power BI", "bodies": [ks.pk], "days": "90"},
                          secure=True)  # fmt: skip
    assert created.status_code == 302  # a reload of the page creates nothing more
    response = client.get(PAGE, secure=True)
    token = ApiToken.objects.get(user=editor)
    secret = response.context["secret"]
    assert secret.startswith("styr_") and f'value="{secret}"' in response.content.decode()
    assert token.digest != secret and not token.may_write
    assert "Kopiera nyckeln nu" in text_of(response)
    assert secret not in client.get(PAGE, secure=True).content.decode()
    entry = AuditEntry.objects.get(action="api_token_created")
    assert entry.actor == editor and entry.changes["bodies"] == ["KS"]


def test_it_names_what_is_missing(editor: User) -> None:
    response = client_for(editor).post(PAGE, {"name": "", "days": "90"}, secure=True)
    assert response.status_code == 400
    assert "Namn: skriv vad nyckeln ska användas till." in text_of(response)
    assert not ApiToken.objects.exists()


def test_it_refuses_a_body_the_user_cannot_read(outsider: User) -> None:
    ks = Body.objects.get(municipality__key="marks", code="KS")
    response = client_for(outsider).post(PAGE, {"name": "x", "bodies": [ks.pk], "days": "30"},
                                         secure=True)  # fmt: skip
    # The form offers only the bodies the user reads; a posted other one is not taken.
    assert response.status_code == 400 and not ApiToken.objects.exists()


def test_it_revokes_only_the_users_own(editor: User, outsider: User) -> None:
    ks = Body.objects.get(municipality__key="marks", code="KS")
    client_for(editor).post(PAGE, {"name": "x", "bodies": [ks.pk], "days": "30"}, secure=True)
    token = ApiToken.objects.get(user=editor)
    url = f"{PAGE}{token.pk}/aterkalla/"
    assert client_for(outsider).post(url, secure=True).status_code == 404
    assert client_for(editor).post(url, secure=True).status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert AuditEntry.objects.filter(action="api_token_revoked", actor=editor).exists()


def test_it_sends_a_visitor_to_sign_in() -> None:
    response = client_for(None).get(PAGE, secure=True)
    assert response.status_code == 302 and "/login/" in response["Location"]
