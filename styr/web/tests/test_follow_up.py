"""Follow-up at a report occasion: statuses, goal assessments with analysis, control results."""

from datetime import date

import pytest
from django.contrib.auth.models import User

from styr.assignments.models import AssignmentFollowUp
from styr.audit.models import AuditEntry
from styr.internal_control.models import Risk, RiskFollowUp
from styr.plans.actions import do_change_plan_state
from styr.plans.models import Plan
from styr.steering.models import GoalFollowUp
from styr.testing.workflow import lock_plan
from styr.web.tests.helpers import client_for, text_of

pytestmark = pytest.mark.django_db
HTMX = {"HX-Request": "true"}


def _base(plan: Plan, occasion: str = "delar") -> str:
    return f"/plan/{plan.pk}/uppfoljning/{occasion}/"


def test_the_page_lists_goals_assignments_and_risks(reader: User, ks_plan: Plan) -> None:
    text = text_of(client_for(reader).get(_base(ks_plan)))
    assert "Delårsrapport 2024 per 2024-08-31" in text
    assert "Se över de avtal som för närvarande finns" in text
    assert "Att inköp görs utanför upphandlade ramavtal." in text
    assert "Du kan läsa uppföljningen men inte rapportera i den." in text


def test_the_editor_reports_an_assignment(editor: User, ks_plan: Plan) -> None:
    assignment = ks_plan.assignments.get(key="p-huset-kinna")
    response = client_for(editor).post(
        f"{_base(ks_plan, 'arsrapport')}uppdrag/{assignment.pk}/",
        {"status": "closed", "grade": "largely", "comment": "Klart i november."},
        headers=HTMX,
    )
    assert response.status_code == 200 and "Uppgifterna är sparade." in text_of(response)
    saved = AssignmentFollowUp.objects.get(assignment=assignment, occasion__key="arsrapport")
    assert saved.status is not None and saved.grade is not None
    assert (saved.status.key, saved.grade.key, saved.comment) == (
        "closed",
        "largely",
        "Klart i november.",
    )
    assert AuditEntry.objects.filter(action="assignment_reported", actor=editor).exists()


def test_a_goal_assessed_by_hand_needs_an_analysis(editor: User, ks_plan: Plan) -> None:
    goal = ks_plan.goals.get(key="basta-foretagskommun")
    url = f"{_base(ks_plan)}mal/{goal.pk}/"
    client = client_for(editor)
    refused = client.post(url, {"fulfilment": "partly_met", "analysis": " "}, headers=HTMX)
    assert refused.status_code == 400 and "Analys: skriv varför" in text_of(refused)
    assert not GoalFollowUp.objects.filter(goal=goal, fulfilment__isnull=False).exists()
    saved = client.post(
        url, {"fulfilment": "partly_met", "analysis": "Färre bostäder."}, headers=HTMX
    )
    assert "Delvis uppfyllt (bedömd)" in text_of(saved)


def test_the_editor_records_a_control_result(editor: User, ks_plan: Plan) -> None:
    risk = Risk.objects.for_plan(ks_plan).get(key="bisyssla")
    client_for(editor).post(
        f"{_base(ks_plan)}risk/{risk.pk}/", {"result": "Alla samtal följde mallen."}
    )
    assert (
        RiskFollowUp.objects.get(risk=risk, occasion__key="delar").result
        == "Alla samtal följde mallen."
    )


def test_follow_up_goes_on_after_adoption_but_not_after_locking(
    editor: User, ks_plan: Plan
) -> None:
    do_change_plan_state(
        ks_plan, "adopt", acting_user=None, adopted_on=date(2023, 11, 22), adopted_minute="§ 1"
    )
    risk = Risk.objects.for_plan(ks_plan).get(key="bisyssla")
    client = client_for(editor)
    assert (
        client.post(f"{_base(ks_plan)}risk/{risk.pk}/", {"result": "Efter beslut."}).status_code
        == 302
    )
    lock_plan(ks_plan)
    response = client.post(
        f"{_base(ks_plan)}risk/{risk.pk}/", {"result": "För sent."}, headers=HTMX
    )
    assert response.status_code == 403
    assert RiskFollowUp.objects.get(risk=risk, occasion__key="delar").result == "Efter beslut."


def test_readers_and_outsiders_are_refused(reader: User, outsider: User, ks_plan: Plan) -> None:
    assignment = ks_plan.assignments.first()
    assert assignment is not None
    url = f"{_base(ks_plan)}uppdrag/{assignment.pk}/"
    assert client_for(reader).post(url, {"status": "closed"}).status_code == 403
    assert client_for(outsider).post(url, {"status": "closed"}).status_code == 404
    assert client_for(outsider).get(_base(ks_plan)).status_code == 404
