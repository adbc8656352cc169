"""The reminder names the same goals, assignments and risks as the follow-up page shows the
reporter under "mina" and "inte rapporterat": one definition of what is missing."""

import re

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from styr.assignments.actions import do_report_assignment
from styr.internal_control.models import Risk
from styr.plans.models import Plan, ReportOccasion
from styr.reminders.actions import do_send_due_reminders
from styr.reminders.tests.conftest import TODAY, Inbox, text_of
from styr.scales.models import Scale
from styr.web.tests.helpers import client_for

pytestmark = pytest.mark.django_db
CARD = re.compile(r'id="((?:goal|assignment|risk)-\d+)" class="card"')
ANCHOR = re.compile(r"/uppfoljning/[^/#\s]+/#((?:goal|assignment|risk)-\d+)")


def test_it_lists_what_the_follow_up_page_shows_as_not_reported(
    inbox: Inbox, delar: ReportOccasion, ks_plan: Plan, reporter: User
) -> None:
    # Something reported, so that the filter has something to leave out.
    assignment = ks_plan.assignments.filter(reporter=reporter).first()
    assert assignment is not None
    status = Scale.objects.current(
        "assignment-status", ks_plan.body.municipality_id
    ).options.first()
    do_report_assignment(assignment, delar, status=status, grade=None, comment="",
                         acting_user=reporter)  # fmt: skip
    assert Risk.objects.for_plan(ks_plan).filter(reporter=reporter).exists()

    url = reverse("web:follow-up", args=[ks_plan.pk, delar.key])
    page = client_for(reporter).get(url, {"visa": "mina", "rapporterat": "nej"})
    shown = set(CARD.findall(page.content.decode()))
    do_send_due_reminders(today=TODAY)
    [message] = inbox.to(reporter.email)

    assert len(shown) >= 3  # the reporter's goal, other assignments and risk
    assert set(ANCHOR.findall(text_of(message))) == shown
    assert f"assignment-{assignment.pk}" not in shown
