"""The risk register in the browser: levels from the plan's matrix, the score derived."""

import pytest
from django.contrib.auth.models import User

from styr.audit.models import AuditEntry
from styr.internal_control.models import Risk
from styr.plans.models import Plan
from styr.web.tests.helpers import client_for, text_of

pytestmark = pytest.mark.django_db


def _form(plan: Plan, **changes: object) -> dict[str, object]:
    category = plan.risk_categories.get(name="IT")
    data: dict[str, object] = {
        "category": category.pk, "main_process": "Backup",
        "description": "Säkerhetskopior kan inte läsas tillbaka.", "probability": 3,
        "consequence": 5, "control_activity": "Återläsningstest varje kvartal.",
        "follow_up_method": "Protokoll från testet.",
    }  # fmt: skip
    return {**data, **changes}


def test_the_editor_adds_a_risk_and_its_score_is_derived(editor: User, ks_plan: Plan) -> None:
    response = client_for(editor).post(
        f"/plan/{ks_plan.pk}/risker/ny/", _form(ks_plan), follow=True
    )
    assert "riskvärde 15" in text_of(response)
    risk = Risk.objects.for_plan(ks_plan).get(main_process="Backup")
    assert (risk.score, risk.stated_score, risk.category.name) == (15, None, "IT")
    assert AuditEntry.objects.filter(action="risk_created", actor=editor).exists()


def test_a_level_outside_the_matrix_is_refused(editor: User, ks_plan: Plan) -> None:
    response = client_for(editor).post(
        f"/plan/{ks_plan.pk}/risker/ny/", _form(ks_plan, probability=9)
    )
    assert response.status_code == 400
    assert "Välj ett giltigt alternativ" in text_of(response)
    assert not Risk.objects.for_plan(ks_plan).filter(main_process="Backup").exists()


def test_a_category_of_another_plan_is_refused(editor: User, ks_plan: Plan) -> None:
    other = Plan.objects.get(body__code="KFN", year=2024)
    foreign = other.risk_categories.create(name="Främmande", position=9)
    response = client_for(editor).post(
        f"/plan/{ks_plan.pk}/risker/ny/", _form(ks_plan, category=foreign.pk)
    )
    assert response.status_code == 400
    assert not foreign.risks.exists()


def test_readers_and_outsiders_cannot_change_risks(
    reader: User, outsider: User, ks_plan: Plan
) -> None:
    risk = Risk.objects.for_plan(ks_plan).get(key="bisyssla")
    url = f"/plan/{ks_plan.pk}/risker/{risk.pk}/"
    assert client_for(reader).post(url, _form(ks_plan)).status_code == 403
    assert client_for(outsider).post(url, _form(ks_plan)).status_code == 404
    assert client_for(outsider).get(f"/plan/{ks_plan.pk}/risker/").status_code == 404
    risk.refresh_from_db()
    assert risk.main_process == "Bisyssla"
