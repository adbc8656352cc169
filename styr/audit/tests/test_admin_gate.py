"""The Django admin follows the workflow like every other route: a locked plan's goals, texts
and assignments, an adopted plan's decided content and every plan's state are shown but not
changed; a forged save is refused with the reason and recorded, and the locked plan's
documents stay byte-identical."""

import pytest
from django.contrib.auth.models import User
from django.test import Client

from styr.assignments.models import Assignment
from styr.audit.models import AuditEntry
from styr.documents.render import Format
from styr.documents.tests.helpers import pdf_text, rendered
from styr.planfiles.dump import dump
from styr.planfiles.export import export_plan
from styr.plans.models import Plan, PlanState
from styr.testing.admin import inline_edit
from styr.testing.workflow import lock_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client: Client) -> Client:
    client.login(username="admin", password="demo")
    return client


def _record_of(plan: Plan) -> tuple[str, str]:
    """The plan as exported (byte for byte) and its Nämndplan's text as rendered now."""
    return dump(export_plan(plan)), pdf_text(rendered(plan, "namndplan", Format.PDF))


def _assignment(plan: Plan) -> Assignment:
    found = plan.assignments.order_by("position").first()
    assert found is not None
    return found


def test_a_plans_state_is_never_edited_in_the_admin(admin_client: Client, ks_plan: Plan) -> None:
    page = admin_client.get(f"/admin/plans/plan/{ks_plan.pk}/change/").content.decode()
    assert 'name="state"' not in page and "Utkast" in page


def test_a_locked_plans_assignment_is_shown_and_a_forged_save_refused(
    admin_client: Client, adopted_plan: Plan
) -> None:
    lock_plan(adopted_plan)
    before = _record_of(adopted_plan)
    assignment = _assignment(adopted_plan)
    url = f"/admin/assignments/assignment/{assignment.pk}/change/"

    page = admin_client.get(url).content.decode()
    assert "Visas utan att kunna ändras" in page and "är låst" in page
    assert 'name="text"' not in page  # read-only: no input

    response = admin_client.post(url, {"text": "Ändrat i efterhand", "origin": "council"})

    assert response.status_code == 403
    assignment.refresh_from_db()
    assert assignment.text != "Ändrat i efterhand"
    entry = AuditEntry.objects.filter(action="write_refused").latest("pk")
    assert (
        entry.changes["action"] == "admin change uppdrag" and "är låst" in entry.changes["refusal"]
    )
    assert _record_of(adopted_plan) == before


def test_an_adopted_plans_goal_cannot_be_deleted_one_by_one_or_in_bulk(
    admin_client: Client, adopted_plan: Plan
) -> None:
    goal = adopted_plan.goals.first()
    assert goal is not None
    assert (
        admin_client.post(
            f"/admin/steering/committeegoal/{goal.pk}/delete/", {"post": "yes"}
        ).status_code
        == 403
    )
    response = admin_client.post(
        "/admin/steering/committeegoal/",
        {"action": "delete_selected", "_selected_action": [str(goal.pk)], "post": "yes"},
    )
    assert response.status_code == 403
    assert adopted_plan.goals.filter(pk=goal.pk).exists()


def test_a_draft_plan_is_still_edited_in_the_admin_and_recorded(
    admin_client: Client, ks_plan: Plan
) -> None:
    assignment = _assignment(ks_plan)
    url = f"/admin/assignments/assignment/{assignment.pk}/change/"
    page = admin_client.get(url).content.decode()
    assert 'name="text"' in page and "Visas utan att kunna ändras" not in page
    assert ks_plan.state == PlanState.DRAFT


def test_staff_who_are_not_administrators_are_refused(
    client: Client, editor: User, adopted_plan: Plan
) -> None:
    client.force_login(editor)
    url = f"/admin/assignments/assignment/{_assignment(adopted_plan).pk}/change/"
    assert client.get(url).status_code == 302


def test_a_locked_years_target_cannot_be_changed_through_the_indicators_inline(
    admin_client: Client, adopted_plan: Plan
) -> None:
    from styr.indicators.models import IndicatorValue, ValueKind

    lock_plan(adopted_plan)
    target = IndicatorValue.objects.filter(
        indicator__body=adopted_plan.body, year=adopted_plan.year, kind=ValueKind.TARGET
    ).first()
    assert target is not None
    indicator = target.indicator
    url = f"/admin/indicators/indicator/{indicator.pk}/change/"
    data = inline_edit(admin_client, url, IndicatorValue, target.pk, "value", "1")

    response = admin_client.post(url, data)

    assert response.status_code == 403
    target.refresh_from_db()
    assert target.value != 1
    assert AuditEntry.objects.filter(action="write_refused").latest("pk").changes["refusal"]


def test_a_decided_report_keeps_its_name_while_its_plan_is_revised(
    admin_client: Client, adopted_plan: Plan
) -> None:
    from styr.plans.actions import do_change_plan_state
    from styr.plans.models import ReportOccasion

    plan = do_change_plan_state(adopted_plan, "revise", acting_user=None)
    decided = plan.occasions.get(kind="plan")
    assert decided.versions.exists()
    url = f"/admin/plans/plan/{plan.pk}/change/"
    data = inline_edit(admin_client, url, ReportOccasion, decided.pk, "name", "Omdöpt")
    # A draft's own texts are still edited here: the page is saved, the decided name kept.
    response = admin_client.post(url, data)

    assert response.status_code == 302
    decided.refresh_from_db()
    assert decided.name != "Omdöpt"
    page = admin_client.get(url).content.decode()
    assert "Omdöpt" not in page
