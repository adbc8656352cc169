from io import StringIO

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.core.management import call_command

from styr.access.models import Grant, Role
from styr.assignments.models import Assignment
from styr.indicators.models import Indicator, Metric
from styr.internal_control.models import Risk
from styr.organisation.models import Body
from styr.plans.models import Plan
from styr.steering.models import CommitteeGoal

pytestmark = pytest.mark.django_db


def _counts() -> dict[str, int]:
    return {
        "bodies": Body.objects.filter(municipality__key="marks").count(),
        "goals": CommitteeGoal.objects.filter(plan__body__municipality__key="marks").count(),
        "indicators": Indicator.objects.filter(body__municipality__key="marks").count(),
        "assignments": Assignment.objects.filter(plan__body__municipality__key="marks").count(),
        "risks": Risk.objects.filter(category__plan__body__municipality__key="marks").count(),
        "metrics": Metric.objects.filter(body__municipality__key="marks").count(),
    }


def test_it_loads_the_sample_plan(ks_plan: Plan) -> None:
    counts = _counts()
    assert counts["goals"] == 3
    assert counts["indicators"] == 12
    assert counts["risks"] == 9
    assert counts["metrics"] == 16
    assert ks_plan.assignments.filter(origin="council").count() == 14
    assert ks_plan.assignments.filter(origin="budget").count() == 10
    assert ks_plan.assignments.filter(origin="executive_board").count() == 14


def test_it_changes_nothing_when_loaded_again(ks_plan: Plan) -> None:
    before = _counts()
    out = StringIO()
    call_command("demo", stdout=out)
    assert "redan laddad, inget ändrat" in out.getvalue()
    assert "Styrby kommun (fiktiv)" in out.getvalue()
    assert _counts() == before


def test_it_skips_loading_when_asked_to_keep_an_existing_database(db: None) -> None:
    out = StringIO()
    call_command("demo", if_empty=True, stdout=out)
    assert "laddas inte" in out.getvalue()


def test_it_prints_the_demo_accounts(db: None) -> None:
    out = StringIO()
    call_command("demo", stdout=out)
    for username in ("admin", "ks.redaktor", "kfn.redaktor", "politiker", "revisor"):
        assert username in out.getvalue()


def test_the_demo_accounts_log_in_with_their_roles(ks: Body) -> None:
    assert authenticate(username="ks.redaktor", password="demo") is not None
    assert authenticate(username="ks.redaktor", password="fel") is None
    assert Grant.objects.filter(user__username="ks.redaktor", body=ks, role=Role.EDITOR).exists()
    assert Grant.objects.filter(user__username="politiker", body=ks, role=Role.READER).exists()
    assert not Grant.objects.filter(user__username="kfn.redaktor", body=ks).exists()
    assert Grant.objects.filter(user__username="revisor", body=None, role=Role.AUDITOR).exists()


def test_it_lists_only_demo_accounts_that_exist(db: None) -> None:
    get_user_model().objects.filter(username__in=["politiker", "revisor"]).delete()
    out = StringIO()
    call_command("demo", if_empty=True, stdout=out)
    assert "ks.redaktor" in out.getvalue()
    assert "politiker" not in out.getvalue() and "revisor" not in out.getvalue()
