"""The reminder lists exactly what the reporter has not reported, and nothing of others."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from styr.assignments.actions import do_report_assignment
from styr.indicators.models import GoalIndicator, IndicatorValue, ValueKind
from styr.internal_control.actions import do_record_control_result
from styr.internal_control.models import Risk
from styr.plans.models import Plan, ReportOccasion
from styr.reminders.actions import do_send_due_reminders
from styr.reminders.tests.conftest import DEADLINE, TODAY, Inbox, listed, text_of
from styr.scales.models import Scale
from styr.steering.actions import do_assess_goal

pytestmark = pytest.mark.django_db
BASE = "https://styr.marks.example"


def _links(text: str) -> set[str]:
    return {line.strip() for line in text.splitlines() if line.startswith(f"  {BASE}")}


def _expected(plan: Plan, occasion: ReportOccasion, reporter: User) -> set[str]:
    """The links to the reporter's items with nothing reported at the occasion, read from
    the database as the follow-up page shows them."""
    page = BASE + reverse("web:follow-up", args=[plan.pk, occasion.key])
    goals = plan.goals.filter(reporter=reporter).exclude(
        follow_ups__occasion=occasion, follow_ups__fulfilment__isnull=False
    )
    assignments = plan.assignments.filter(reporter=reporter).exclude(
        follow_ups__occasion=occasion, follow_ups__status__isnull=False
    )
    risks = (
        Risk.objects.for_plan(plan)
        .filter(reporter=reporter)
        .exclude(follow_ups__occasion=occasion, follow_ups__result__gt="")
    )
    with_result = IndicatorValue.objects.filter(
        year=plan.year,
        kind__in=[ValueKind.OUTCOME, ValueKind.INTERIM_OUTCOME, ValueKind.FORECAST],
    ).values("indicator_id")
    indicators = {
        link.indicator_id
        for link in GoalIndicator.objects.filter(goal__plan=plan, goal__reporter=reporter).exclude(
            indicator_id__in=with_result
        )
    }
    return (
        {f"{page}#goal-{g.pk}" for g in goals}
        | {f"{page}#assignment-{a.pk}" for a in assignments}
        | {f"{page}#risk-{r.pk}" for r in risks}
        | {BASE + reverse("web:indicator", args=[plan.pk, i]) for i in indicators}
    )


def test_it_lists_exactly_what_the_reporter_has_not_reported(
    inbox: Inbox, delar: ReportOccasion, ks_plan: Plan, reporter: User
) -> None:
    summary = do_send_due_reminders(today=TODAY)

    assert summary.sent == [reporter.username]
    [message] = inbox.to(reporter.email)
    text = text_of(message)
    expected = _expected(ks_plan, delar, reporter)
    assert len(expected) >= 4  # a goal, its indicators, assignments and a risk of the demo
    assert _links(text) == expected
    assert len(listed(message)) == len(expected)
    subject = f"Påminnelse: rapportera till {delar.name} senast 2024-09-10"
    assert message["Subject"].strip() == subject
    assert "Sista dag att rapportera: 2024-09-10 (om 7 dagar)" in text
    assert f"{BASE}/konto/paminnelser/" in text
    # The HTML alternative says the same, with the same links.
    html = message.get_body(preferencelist=("html",))
    assert html is not None
    assert all(link.replace("&", "&amp;") in html.get_content() for link in expected)


def test_it_leaves_out_what_has_been_reported(
    inbox: Inbox, delar: ReportOccasion, ks_plan: Plan, reporter: User
) -> None:
    goal = ks_plan.goals.filter(reporter=reporter).first()
    assignment = ks_plan.assignments.filter(reporter=reporter).first()
    risk = Risk.objects.for_plan(ks_plan).filter(reporter=reporter).first()
    assert goal is not None and assignment is not None and risk is not None
    municipality = ks_plan.body.municipality_id
    fulfilment = Scale.objects.current("goal-fulfilment", municipality).options.first()
    status = Scale.objects.current("assignment-status", municipality).options.first()
    do_assess_goal(goal, delar, fulfilment=fulfilment, analysis="Bra.", acting_user=reporter)
    do_report_assignment(
        assignment, delar, status=status, grade=None, comment="", acting_user=reporter
    )
    do_record_control_result(risk, delar, result="Kontrollerat.", acting_user=reporter)

    do_send_due_reminders(today=TODAY)

    [message] = inbox.to(reporter.email)
    links = _links(text_of(message))
    assert links == _expected(ks_plan, delar, reporter)
    assert not any(
        link.endswith((f"#goal-{goal.pk}", f"#assignment-{assignment.pk}", f"#risk-{risk.pk}"))
        for link in links
    )


def test_it_sends_nothing_when_nothing_is_missing(
    inbox: Inbox, delar: ReportOccasion, ks_plan: Plan, reporter: User
) -> None:
    # Every item of the reporter's handed to someone else: nothing of theirs is missing.
    ks_plan.goals.filter(reporter=reporter).update(reporter=None)
    ks_plan.assignments.filter(reporter=reporter).update(reporter=None)
    Risk.objects.for_plan(ks_plan).filter(reporter=reporter).update(reporter=None)

    summary = do_send_due_reminders(today=TODAY)

    assert inbox.to(reporter.email) == []
    assert reporter.username not in summary.sent


def test_it_sends_nothing_before_the_first_step_or_after_the_deadline(
    inbox: Inbox, delar: ReportOccasion
) -> None:
    do_send_due_reminders(today=TODAY - timedelta(days=1))
    do_send_due_reminders(today=DEADLINE + timedelta(days=1))
    assert inbox.messages == []
