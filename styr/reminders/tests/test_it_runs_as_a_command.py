"""`styr reminders send --date`: the nightly task's command."""

from io import StringIO

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command

from styr.audit.models import AuditEntry
from styr.plans.models import ReportOccasion
from styr.reminders.tests.conftest import TODAY, Inbox

pytestmark = pytest.mark.django_db


def test_it_sends_for_the_given_day_and_says_what_it_did(
    inbox: Inbox, delar: ReportOccasion, reporter: User
) -> None:
    out = StringIO()
    call_command("reminders", "send", "--date", TODAY.isoformat(), stdout=out)
    assert f"skickad: {reporter.username}" in out.getvalue()
    assert "1 e-post skickade" in out.getvalue()
    assert len(inbox.to(reporter.email)) == 1
    entry = AuditEntry.objects.get(action="reminder_sent")
    assert entry.actor_name.startswith("kommandorad: ")


def test_it_refuses_without_a_base_url(delar: ReportOccasion, settings: object) -> None:
    settings.STYR_BASE_URL = ""  # type: ignore[attr-defined]
    with pytest.raises(CommandError, match="STYR_BASE_URL"):
        call_command("reminders", "send", "--date", TODAY.isoformat(), stdout=StringIO())
