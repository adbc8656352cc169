"""A reminder goes out once per step: a second run on the same day sends nothing again, and
every e-mail sent is on record and in the audit log."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import User

from styr.audit.models import AuditEntry
from styr.plans.models import ReportOccasion
from styr.reminders.actions import do_send_due_reminders
from styr.reminders.models import ReminderSent
from styr.reminders.tests.conftest import DEADLINE, TODAY, Inbox

pytestmark = pytest.mark.django_db


def test_it_does_not_send_twice_on_the_same_day(
    inbox: Inbox, delar: ReportOccasion, reporter: User
) -> None:
    first = do_send_due_reminders(today=TODAY)
    second = do_send_due_reminders(today=TODAY)

    assert len(inbox.to(reporter.email)) == 1
    assert first.sent == [reporter.username]
    assert second.sent == [] and second.already_sent == 1
    sent = ReminderSent.objects.get(user=reporter, occasion=delar)
    assert (sent.deadline, sent.days_before, sent.sent_on) == (DEADLINE, 7, TODAY)
    entry = AuditEntry.objects.get(action="reminder_sent")
    assert entry.object_id == str(delar.pk)
    assert entry.changes["recipient"] == reporter.username
    assert entry.municipality_id == delar.plan.body.municipality_id


def test_it_sends_the_next_step_once_and_catches_up_a_missed_day(
    inbox: Inbox, delar: ReportOccasion, reporter: User
) -> None:
    do_send_due_reminders(today=TODAY)
    # Days in the week between: the seven-day reminder has gone.
    do_send_due_reminders(today=TODAY + timedelta(days=3))
    assert len(inbox.to(reporter.email)) == 1
    # The day before the deadline: the last reminder, once.
    do_send_due_reminders(today=DEADLINE - timedelta(days=1))
    do_send_due_reminders(today=DEADLINE - timedelta(days=1))
    assert len(inbox.to(reporter.email)) == 2
    # On the deadline day itself nothing new (no 0 step).
    do_send_due_reminders(today=DEADLINE)
    assert len(inbox.to(reporter.email)) == 2


def test_a_moved_deadline_is_reminded_of_again(
    inbox: Inbox, delar: ReportOccasion, reporter: User
) -> None:
    do_send_due_reminders(today=TODAY)
    delar.deadline = DEADLINE + timedelta(days=7)
    delar.save(update_fields=["deadline"])
    do_send_due_reminders(today=TODAY + timedelta(days=7))
    assert len(inbox.to(reporter.email)) == 2


def test_a_failed_send_is_not_recorded_and_goes_out_on_the_next_run(
    inbox: Inbox, delar: ReportOccasion, reporter: User, settings: object
) -> None:
    port = settings.EMAIL_PORT  # type: ignore[attr-defined]
    settings.EMAIL_PORT = 1  # type: ignore[attr-defined]  # nothing listens there
    failed = do_send_due_reminders(today=TODAY)
    assert failed.failed == [reporter.username]
    assert not ReminderSent.objects.exists()
    assert not AuditEntry.objects.filter(action="reminder_sent").exists()

    settings.EMAIL_PORT = port  # type: ignore[attr-defined]
    again = do_send_due_reminders(today=TODAY + timedelta(days=1))
    assert again.sent == [reporter.username]
    assert len(inbox.to(reporter.email)) == 1
