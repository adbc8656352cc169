"""Editing a chapter text: saved with its audit entry; a conflicting save loses nothing."""

import pytest
from django.contrib.auth.models import User

from styr.audit.models import AuditEntry
from styr.plans.actions import fingerprint
from styr.plans.models import Plan
from styr.web.tests.helpers import client_for, text_of

pytestmark = pytest.mark.django_db
HTMX = {"HX-Request": "true"}


def _url(plan: Plan) -> str:
    return f"/plan/{plan.pk}/text/agenda_2030/"


def _current(plan: Plan) -> str:
    return plan.texts.get(key="agenda_2030").text


def test_the_editor_saves_a_text_and_the_change_is_audited(editor: User, ks_plan: Plan) -> None:
    before = _current(ks_plan)
    response = client_for(editor).post(
        _url(ks_plan),
        {"text": "Ny text.\n\n- en punkt", "based_on": fingerprint(before)},
        headers=HTMX,
    )
    assert response.status_code == 200
    assert "Texten är sparad." in text_of(response)
    assert "<li>en punkt</li>" in response.content.decode()
    assert _current(ks_plan) == "Ny text.\n\n- en punkt"
    entry = AuditEntry.objects.filter(action="plan_text_changed").latest("pk")
    assert entry.actor == editor and entry.changes["text"] == [before, "Ny text.\n\n- en punkt"]


def test_a_save_on_top_of_someone_elses_is_refused_and_keeps_both(
    editor: User, ks_plan: Plan
) -> None:
    started_from = fingerprint(_current(ks_plan))
    client_for(editor).post(_url(ks_plan), {"text": "Kollegans text.", "based_on": started_from})
    response = client_for(editor).post(
        _url(ks_plan), {"text": "Min text.", "based_on": started_from}, headers=HTMX
    )
    assert response.status_code == 409
    page = text_of(response)
    assert "Någon annan har sparat texten" in page
    assert "Kollegans text." in page and "Min text." in page  # nothing is lost
    assert _current(ks_plan) == "Kollegans text."


def test_text_is_shown_escaped(editor: User, ks_plan: Plan) -> None:
    ks_plan.texts.filter(key="agenda_2030").update(text="<script>alert(1)</script>")
    page = client_for(editor).get(f"/plan/{ks_plan.pk}/texter/").content.decode()
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;" in page


def test_without_javascript_a_save_returns_to_the_plan(editor: User, ks_plan: Plan) -> None:
    response = client_for(editor).post(
        _url(ks_plan), {"text": "Utan htmx.", "based_on": fingerprint(_current(ks_plan))}
    )
    assert response.status_code == 302
    assert response["Location"] == f"/plan/{ks_plan.pk}/texter/#text-agenda_2030"


def test_a_reader_is_refused(reader: User, ks_plan: Plan) -> None:
    before = _current(ks_plan)
    response = client_for(reader).post(
        _url(ks_plan), {"text": "x", "based_on": fingerprint(before)}
    )
    assert response.status_code == 403 and _current(ks_plan) == before


def test_pasted_control_characters_are_cleaned_before_saving(editor: User, ks_plan: Plan) -> None:
    before = _current(ks_plan)
    client_for(editor).post(
        _url(ks_plan), {"text": "Från Word\x0bny rad\x00.", "based_on": fingerprint(before)}
    )
    assert _current(ks_plan) == "Från Word\nny rad."
