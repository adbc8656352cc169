"""Reporters (rapportörer): they report only what is assigned to them; editors assign it."""

from decimal import Decimal

import pytest
from django.contrib.auth.models import User

from styr.assignments.models import AssignmentFollowUp
from styr.audit.models import AuditEntry
from styr.indicators.models import IndicatorValue
from styr.internal_control.models import Risk
from styr.plans.models import Plan
from styr.web.tests.helpers import client_for, text_of

pytestmark = pytest.mark.django_db
HTMX = {"HX-Request": "true"}


def _theirs_and_not(plan: Plan, reporter: User) -> tuple[int, int]:
    mine = plan.assignments.filter(reporter=reporter).first()
    other = plan.assignments.exclude(reporter=reporter).first()
    assert mine is not None and other is not None
    return mine.pk, other.pk


def test_it_offers_the_reporter_forms_only_for_their_items(reporter: User, ks_plan: Plan) -> None:
    text = text_of(client_for(reporter).get(f"/plan/{ks_plan.pk}/uppfoljning/delar/"))
    assert "Du rapporterar för de mål, uppdrag och risker som tilldelats dig" in text
    assert text.count("Rapportör: ks.rapportor") == 5  # one goal, three assignments, one risk
    response = client_for(reporter).get(f"/plan/{ks_plan.pk}/uppfoljning/delar/")
    # Three assignment forms, one goal form, one control-result form: nothing else.
    assert response.content.decode().count('<button type="submit">Spara') == 5


def test_it_saves_the_reporters_own_assignment(reporter: User, ks_plan: Plan) -> None:
    mine, _ = _theirs_and_not(ks_plan, reporter)
    response = client_for(reporter).post(
        f"/plan/{ks_plan.pk}/uppfoljning/delar/uppdrag/{mine}/",
        {"status": "ongoing", "comment": "Pågår enligt plan."},
        headers=HTMX,
    )
    assert response.status_code == 200
    saved = AssignmentFollowUp.objects.get(assignment_id=mine, occasion__key="delar")
    assert saved.comment == "Pågår enligt plan."


def test_it_refuses_the_reporter_an_assignment_of_someone_else(
    reporter: User, ks_plan: Plan
) -> None:
    _, other = _theirs_and_not(ks_plan, reporter)
    response = client_for(reporter).post(
        f"/plan/{ks_plan.pk}/uppfoljning/delar/uppdrag/{other}/",
        {"status": "ongoing", "comment": "Inte mitt."},
        headers=HTMX,
    )
    assert response.status_code == 403
    assert not AssignmentFollowUp.objects.filter(assignment_id=other, comment="Inte mitt.").exists()


def test_it_refuses_the_reporter_a_risk_and_a_goal_of_someone_else(
    reporter: User, ks_plan: Plan
) -> None:
    risk = Risk.objects.for_plan(ks_plan).exclude(reporter=reporter).first()
    goal = ks_plan.goals.exclude(reporter=reporter).first()
    assert risk is not None and goal is not None
    client = client_for(reporter)
    base = f"/plan/{ks_plan.pk}/uppfoljning/delar"
    assert client.post(f"{base}/risk/{risk.pk}/", {"result": "x"}).status_code == 403
    posted = {"fulfilment": "largely", "analysis": "Analys."}
    assert client.post(f"{base}/mal/{goal.pk}/", posted).status_code == 403


def test_it_lets_the_reporter_enter_outcomes_under_their_goal_only(
    reporter: User, ks_plan: Plan
) -> None:
    goal = ks_plan.goals.get(reporter=reporter)
    own = goal.indicators.first()
    other = ks_plan.goals.exclude(reporter=reporter).filter(indicators__isnull=False).first()
    assert own is not None and other is not None
    foreign = other.indicators.exclude(pk__in=goal.indicators.values("pk")).first()
    assert foreign is not None
    client = client_for(reporter)
    posted = {"year": "2024", "kind": "forecast", "value": "12,5", "comparator": ""}
    response = client.post(f"/plan/{ks_plan.pk}/indikator/{own.pk}/", posted)
    assert response.status_code == 200
    assert IndicatorValue.objects.get(indicator=own, year=2024, kind="forecast").value == Decimal(
        "12.5"
    )
    response = client.post(f"/plan/{ks_plan.pk}/indikator/{foreign.pk}/", posted)
    assert response.status_code == 403
    foreign_values = IndicatorValue.objects.filter(indicator=foreign, year=2024, kind="forecast")
    assert not foreign_values.filter(value=Decimal("12.5")).exists()


def test_the_editor_assigns_reporters(editor: User, reporter: User, ks_plan: Plan) -> None:
    assignment = ks_plan.assignments.exclude(reporter=reporter).first()
    assert assignment is not None
    response = client_for(editor).post(
        f"/plan/{ks_plan.pk}/rapportorer/", {f"assignment-{assignment.pk}": str(reporter.pk)}
    )
    assert response.status_code == 302
    assignment.refresh_from_db()
    assert assignment.reporter == reporter
    entry = AuditEntry.objects.get(action="reporter_assigned", object_id=str(assignment.pk))
    assert entry.actor == editor and entry.changes == {"reporter": [None, "ks.rapportor"]}


def test_it_names_the_item_when_the_chosen_user_may_not_report(
    editor: User, outsider: User, ks_plan: Plan
) -> None:
    assignment = ks_plan.assignments.first()
    assert assignment is not None
    before = assignment.reporter_id
    response = client_for(editor).post(
        f"/plan/{ks_plan.pk}/rapportorer/", {f"assignment-{assignment.pk}": str(outsider.pk)}
    )
    assert response.status_code == 400
    assert f"Uppdrag ”{assignment.text[:30]}" in text_of(response)
    assert "välj en rapportör i listan" in text_of(response)
    assignment.refresh_from_db()
    assert assignment.reporter_id == before


def test_readers_see_who_reports_but_may_not_change_it(
    reader: User, reporter: User, ks_plan: Plan
) -> None:
    client = client_for(reader)
    text = text_of(client.get(f"/plan/{ks_plan.pk}/rapportorer/"))
    assert "ks.rapportor" in text and "Spara rapportörer" not in text
    assignment = ks_plan.assignments.exclude(reporter=reporter).first()
    assert assignment is not None
    posted = {f"assignment-{assignment.pk}": str(reporter.pk)}
    assert client.post(f"/plan/{ks_plan.pk}/rapportorer/", posted).status_code == 403


def test_it_hides_the_page_from_outsiders(outsider: User, ks_plan: Plan) -> None:
    client = client_for(outsider)
    assert client.get(f"/plan/{ks_plan.pk}/rapportorer/").status_code == 404
    assert client.post(f"/plan/{ks_plan.pk}/rapportorer/", {}).status_code == 404


def test_the_start_page_says_what_the_reporter_reports(
    reporter: User, editor: User, ks_plan: Plan
) -> None:
    text = text_of(client_for(reporter).get("/"))
    assert "Att rapportera" in text
    assert "Kommunstyrelsen, Nämndplan 2024: du rapporterar 1 mål, 3 uppdrag och 1 risk." in text
    assert "Att rapportera" not in text_of(client_for(editor).get("/"))
