"""A resident signs up with an e-mail address only: a signed link that expires signs them in."""

import re

import pytest
from django.core import mail, signing
from django.test import Client, override_settings

from styr.proposals.models import Resident
from styr.proposals.views import SALT, SESSION_KEY

URL = "/oppen/marks/forslag/konto/"


def test_it_signs_in_by_the_link_in_the_email(db: None) -> None:
    client = Client()
    response = client.post(URL, {"email": "Bo@Example.se"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["bo@example.se"]
    link = re.search(r"http://\S+", str(mail.outbox[0].body))
    assert link is not None
    assert not Resident.objects.filter(email="bo@example.se").exists()  # nothing until verified
    # Opening the link (as a mail scanner does) only asks to confirm.
    response = client.get(link.group(0))
    assert response.status_code == 200 and "Logga in" in response.content.decode()
    assert not Resident.objects.filter(email="bo@example.se").exists()
    assert SESSION_KEY not in client.session
    response = client.post(link.group(0))
    assert response.status_code == 302 and response["Location"].endswith("/forslag/mina/")
    resident = Resident.objects.get(email="bo@example.se")
    assert resident.verified_at is not None
    assert client.session[SESSION_KEY] == resident.pk
    assert client.get("/oppen/marks/forslag/mina/").status_code == 200


def test_it_refuses_an_expired_or_forged_link(db: None) -> None:
    client = Client()
    token = signing.dumps({"e": "bo@example.se"}, salt=SALT)
    with override_settings(PROPOSAL_LINK_HOURS=0):
        assert client.get(f"{URL}{token}/").status_code == 400
        assert client.post(f"{URL}{token}/").status_code == 400
    assert client.get(f"{URL}{token}x/").status_code == 400
    assert client.post(f"{URL}{token}x/").status_code == 400
    assert SESSION_KEY not in client.session
    assert not Resident.objects.exists()


def test_it_refuses_a_filled_honeypot_silently(db: None) -> None:
    response = Client().post(URL, {"email": "bot@example.se", "webbplats": "http://spam"})
    assert response.status_code == 302
    assert mail.outbox == []


@pytest.mark.parametrize("limit", ["PROPOSAL_MAILS_PER_ADDRESS", "PROPOSAL_MAILS_PER_IP"])
def test_it_limits_the_emails(db: None, limit: str) -> None:
    client = Client()
    with override_settings(**{limit: 2}):
        for n in range(3):
            address = "bo@example.se" if limit.endswith("ADDRESS") else f"bo{n}@example.se"
            response = client.post(URL, {"email": address})
    assert len(mail.outbox) == 2
    assert response.status_code == 200
    assert "För många e-brev" in response.content.decode()


def test_a_count_keeps_its_hour(db: None) -> None:
    """Each mail keeps the window its first one opened, in the table every process shares."""
    from datetime import UTC, timedelta

    from django.db import connection
    from django.utils import timezone

    client = Client()
    for _ in range(3):
        client.post(URL, {"email": "bo@example.se"})
    with connection.cursor() as cursor:
        cursor.execute("SELECT expires FROM styr_rate_limits")
        expiries = [row[0] for row in cursor.fetchall()]
    assert len(expiries) == 2  # the address's count and the IP address's
    for expires in expiries:
        if timezone.is_naive(expires):
            expires = expires.replace(tzinfo=UTC)  # SQLite's column holds UTC
        assert timedelta(minutes=50) < expires - timezone.now() <= timedelta(hours=1)
