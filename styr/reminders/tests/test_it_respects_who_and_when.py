"""Reminders go only to those who want them, may still report, and only while the report is
open."""

from datetime import date

import pytest
from django.contrib.auth.models import User

from styr.access.models import Grant
from styr.plans.actions import do_change_occasion_state
from styr.plans.models import Plan, ReportOccasion
from styr.reminders.actions import do_send_due_reminders, do_set_reminders
from styr.reminders.tests.conftest import TODAY, Inbox

pytestmark = pytest.mark.django_db


def test_it_sends_nothing_to_a_user_who_turned_reminders_off(
    inbox: Inbox, delar: ReportOccasion, reporter: User
) -> None:
    do_set_reminders(reporter, enabled=False, acting_user=reporter)

    summary = do_send_due_reminders(today=TODAY)

    assert inbox.messages == []
    assert summary.opted_out == [reporter.username]


def test_it_sends_nothing_after_the_report_is_adopted(
    inbox: Inbox, adopted_plan: Plan, reporter: User
) -> None:
    reporter.email = "rapportor@marks.example"
    reporter.save(update_fields=["email"])
    occasion = adopted_plan.occasions.get(key="delar")
    occasion.deadline = date(2024, 9, 10)
    occasion.save(update_fields=["deadline"])
    do_change_occasion_state(
        occasion, "adopt", acting_user=None, adopted_on=date(2024, 9, 2), adopted_minute="§ 9"
    )

    summary = do_send_due_reminders(today=TODAY)

    assert inbox.messages == []
    assert summary.occasions == 0


def test_it_sends_nothing_when_the_plan_is_locked(
    inbox: Inbox, delar: ReportOccasion, ks_plan: Plan
) -> None:
    Plan.objects.filter(pk=ks_plan.pk).update(state="locked")
    do_send_due_reminders(today=TODAY)
    assert inbox.messages == []


def test_it_sends_nothing_to_inactive_users_without_address_or_grant(
    inbox: Inbox, delar: ReportOccasion, reporter: User
) -> None:
    reporter.is_active = False
    reporter.save(update_fields=["is_active"])
    do_send_due_reminders(today=TODAY)
    assert inbox.messages == []

    reporter.is_active = True
    reporter.email = ""
    reporter.save(update_fields=["is_active", "email"])
    assert do_send_due_reminders(today=TODAY).no_address == [reporter.username]

    reporter.email = "rapportor@marks.example"
    reporter.save(update_fields=["email"])
    # No longer a reporter of the body: the items still name them, but they may not report.
    Grant.objects.filter(user=reporter).delete()
    do_send_due_reminders(today=TODAY)
    assert inbox.messages == []
