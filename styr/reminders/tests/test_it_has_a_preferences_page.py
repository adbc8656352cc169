"""A signed-in user turns their own reminders on and off; nobody else's."""

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from styr.audit.models import AuditEntry
from styr.reminders.actions import reminders_enabled
from styr.web.tests.helpers import client_for, text_of

pytestmark = pytest.mark.django_db
URL = reverse("reminders:preferences")


def test_a_user_switches_reminders_off_and_on(reporter: User) -> None:
    client = client_for(reporter)
    page = client.get(URL)
    assert page.status_code == 200
    assert "Påminnelser per e-post" in text_of(page)

    response = client.post(URL, {"enabled": "no"}, follow=True)
    assert "Du får inte längre påminnelser per e-post." in text_of(response)
    assert not reminders_enabled(reporter)
    assert AuditEntry.objects.filter(action="reminders_changed", actor=reporter).exists()

    client.post(URL, {"enabled": "yes"})
    assert reminders_enabled(reporter)


def test_the_page_header_links_it(reader: User) -> None:
    page = client_for(reader).get(reverse("web:home"))
    assert f'href="{URL}"' in page.content.decode()


def test_an_anonymous_user_is_sent_to_sign_in() -> None:
    for response in (client_for(None).get(URL), client_for(None).post(URL, {"enabled": "no"})):
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("web:login"))


def test_a_user_changes_only_their_own(reporter: User, editor: User) -> None:
    # Naming another user in the form changes nothing of theirs.
    client_for(editor).post(URL, {"enabled": "no", "user": reporter.pk, "user_id": reporter.pk})
    assert reminders_enabled(reporter)
    assert not reminders_enabled(editor)
