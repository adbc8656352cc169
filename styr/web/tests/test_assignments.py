"""Assignments in the plan editor: changed in place and added, with field-named errors."""

import pytest
from django.contrib.auth.models import User

from styr.assignments.models import Assignment
from styr.audit.models import AuditEntry
from styr.plans.models import Plan
from styr.web.forms import AssignmentForm
from styr.web.tests.helpers import client_for, text_of

pytestmark = pytest.mark.django_db
HTMX = {"HX-Request": "true"}


def _form(**changes: str) -> dict[str, str]:
    data = {
        "origin": "own", "text": "Ta fram en plan för arkivlokaler.", "start_date": "2024-02-01",
        "period_start": "2024", "period_end": "2025", "period_note": "", "extra_cost": "0,4",
        "extra_cost_unit": "mnkr", "extra_cost_note": "", "public": "on",
    }  # fmt: skip
    return {**data, **changes}


def test_the_editor_adds_an_assignment(editor: User, ks_plan: Plan) -> None:
    response = client_for(editor).post(f"/plan/{ks_plan.pk}/uppdrag/ny/", _form(), follow=True)
    assert "Ta fram en plan för arkivlokaler." in text_of(response)
    added = ks_plan.assignments.get(key="ta-fram-en-plan-for-arkivlokaler")
    assert (added.origin, str(added.extra_cost), added.period_end) == ("own", "0.4000", 2025)
    assert AuditEntry.objects.filter(action="assignment_created", actor=editor).exists()


def _opened(assignment: Assignment) -> str:
    """The fingerprint the editor's form carries when it is opened."""
    return str(AssignmentForm(instance=assignment).initial["based_on"])


def test_the_editor_changes_an_assignment_in_place(editor: User, ks_plan: Plan) -> None:
    assignment = ks_plan.assignments.get(key="cykelstrategi")
    response = client_for(editor).post(
        f"/plan/{ks_plan.pk}/uppdrag/{assignment.pk}/",
        _form(
            origin="budget", text="Cykelstrategi för hela Mark.", extra_cost="0,75",
            based_on=_opened(assignment),
        ),
        headers=HTMX,
    )  # fmt: skip
    assert response.status_code == 200 and "Uppdraget är sparat." in text_of(response)
    assignment.refresh_from_db()
    assert (
        assignment.text == "Cykelstrategi för hela Mark." and str(assignment.extra_cost) == "0.7500"
    )


def test_errors_name_the_field(editor: User, ks_plan: Plan) -> None:
    response = client_for(editor).post(
        f"/plan/{ks_plan.pk}/uppdrag/ny/",
        _form(extra_cost="mycket", period_start="2026", period_end="2024", text=""),
    )
    assert response.status_code == 400
    text = text_of(response)
    assert "'mycket' är inte ett tal" in text
    assert "Slutåret kan inte vara före startåret." in text
    assert not ks_plan.assignments.filter(origin="own").exists()


def test_readers_and_outsiders_cannot_change_assignments(
    reader: User, outsider: User, ks_plan: Plan
) -> None:
    assignment = ks_plan.assignments.get(key="cykelstrategi")
    url = f"/plan/{ks_plan.pk}/uppdrag/{assignment.pk}/"
    assert client_for(reader).post(url, _form()).status_code == 403
    assert client_for(outsider).post(url, _form()).status_code == 404
    assert client_for(outsider).get(f"/plan/{ks_plan.pk}/uppdrag/").status_code == 404
    assignment.refresh_from_db()
    assert assignment.origin == "budget"


def test_a_second_save_over_anothers_change_is_held_back(editor: User, ks_plan: Plan) -> None:
    assignment = ks_plan.assignments.get(key="cykelstrategi")
    opened = _opened(assignment)
    url = f"/plan/{ks_plan.pk}/uppdrag/{assignment.pk}/"
    client = client_for(editor)
    first = client.post(url, _form(origin="budget", text="Kollegans version.", based_on=opened))
    assert first.status_code == 302
    second = client.post(url, _form(origin="budget", text="Min version.", based_on=opened))
    assert second.status_code == 409
    text = text_of(second)
    assert "Någon annan har sparat ändringar medan du redigerade." in text
    assert "Min version." in text  # what was typed is kept in the form
    assignment.refresh_from_db()
    assert assignment.text == "Kollegans version."
    # Saving again, knowingly, replaces the other version.
    rebased = second.context["form"].data["based_on"]
    client.post(url, _form(origin="budget", text="Min version.", based_on=rebased))
    assignment.refresh_from_db()
    assert assignment.text == "Min version."


def test_a_form_opened_in_the_list_saves_in_place_and_keeps_errors_there(
    editor: User, reader: User, ks_plan: Plan
) -> None:
    assignment = ks_plan.assignments.get(key="cykelstrategi")
    url = f"/plan/{ks_plan.pk}/uppdrag/{assignment.pk}/"
    client = client_for(editor)
    fragment = client.get(url, headers=HTMX).content.decode()
    assert f'hx-post="{url}" hx-target="#a-{assignment.pk}" hx-swap="outerHTML"' in fragment
    bad = _form(period_start="2026", period_end="2025", based_on=_opened(assignment))
    response = client.post(url, bad, headers=HTMX)
    assert response.status_code == 400
    card = response.content.decode()
    assert card.startswith(f'<tr id="a-{assignment.pk}">')  # the table's row again
    assert "Slutåret kan inte vara före startåret." in card and 'hx-post="' in card
    assert client_for(reader).get(url, headers=HTMX).status_code == 403
