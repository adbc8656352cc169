"""A report's last day to report: set by an action that refuses it once the report is
adopted, shown in the admin, carried a year on when the plan is copied."""

from datetime import date

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from styr.audit.models import AuditEntry
from styr.plans.actions import (
    InvalidTransition,
    PlanLocked,
    do_change_occasion_state,
    do_set_occasion_deadline,
)
from styr.plans.copying import do_copy_plan_to_next_year
from styr.plans.models import Plan

pytestmark = pytest.mark.django_db


def test_it_sets_and_clears_the_deadline_with_an_audit_entry(adopted_plan: Plan) -> None:
    occasion = adopted_plan.occasions.get(key="delar")
    do_set_occasion_deadline(occasion, date(2024, 9, 10), acting_user=None)
    assert adopted_plan.occasions.get(key="delar").deadline == date(2024, 9, 10)
    entry = AuditEntry.objects.get(action="occasion_deadline_set")
    assert entry.changes == {"deadline": [None, "2024-09-10"]}

    do_set_occasion_deadline(occasion, None, acting_user=None)
    assert adopted_plan.occasions.get(key="delar").deadline is None


def test_it_refuses_once_the_report_is_adopted(adopted_plan: Plan) -> None:
    occasion = adopted_plan.occasions.get(key="delar")
    do_change_occasion_state(
        occasion, "adopt", acting_user=None, adopted_on=date(2024, 9, 20), adopted_minute="§ 9"
    )
    with pytest.raises(PlanLocked):
        do_set_occasion_deadline(occasion, date(2024, 9, 10), acting_user=None)
    assert adopted_plan.occasions.get(key="delar").deadline is None
    assert AuditEntry.objects.filter(action="write_refused").exists()


def test_the_plan_itself_has_no_deadline(ks_plan: Plan) -> None:
    with pytest.raises(InvalidTransition):
        do_set_occasion_deadline(
            ks_plan.occasions.get(kind="plan"), date(2024, 9, 10), acting_user=None
        )


def test_the_admin_shows_the_deadline(ks_plan: Plan) -> None:
    admin = get_user_model().objects.get(username="admin")
    client = Client()
    client.force_login(admin)
    page = client.get(f"/admin/plans/plan/{ks_plan.pk}/change/").content.decode()
    assert 'name="occasions-1-deadline"' in page


def test_a_copied_plan_has_its_deadlines_a_year_on(ks_plan: Plan) -> None:
    ks_plan.occasions.filter(key="delar").update(deadline=date(2024, 9, 10))
    new = do_copy_plan_to_next_year(ks_plan, acting_user=None)
    assert new.occasions.get(key="delar").deadline == date(2025, 9, 10)
