"""A plan goes from draft to submitted to adopted to locked; an adopted plan is immutable."""

from datetime import date

import pytest
from django.contrib.auth.models import User

from styr.audit.models import AuditEntry
from styr.plans.actions import fingerprint
from styr.plans.models import Plan
from styr.web.tests.helpers import client_for, text_of

pytestmark = pytest.mark.django_db


def _step(user: User, plan: Plan, **data: str) -> str:
    data = {"confirm": "yes", **data}
    response = client_for(user).post(f"/plan/{plan.pk}/status/", data, follow=True)
    return text_of(response)


def test_the_editor_submits_adopts_and_locks(editor: User, ks_plan: Plan) -> None:
    assert "Planen är nu inlämnad." in _step(editor, ks_plan, step="submit")
    page = _step(editor, ks_plan, step="adopt", adopted_on="2023-11-22", adopted_minute="§ 231")
    assert "Planen är nu fastställd." in page and "fastställd 2023-11-22, § 231" in page
    ks_plan.refresh_from_db()
    assert (ks_plan.state, ks_plan.adopted_on, ks_plan.adopted_minute) == (
        "adopted", date(2023, 11, 22), "§ 231",
    )  # fmt: skip
    assert "Planen är nu låst." in _step(editor, ks_plan, step="lock")


def test_adopting_and_locking_need_an_explicit_confirmation(editor: User, ks_plan: Plan) -> None:
    page = _step(
        editor, ks_plan, step="adopt", adopted_on="2023-11-22", adopted_minute="§ 231", confirm=""
    )
    assert "Kryssa i att du bekräftar beslutet; planen fastställdes inte." in page
    ks_plan.refresh_from_db()
    assert ks_plan.state == "draft"
    _step(editor, ks_plan, step="adopt", adopted_on="2023-11-22", adopted_minute="§ 231")
    assert "planen låstes inte" in _step(editor, ks_plan, step="lock", confirm="")
    ks_plan.refresh_from_db()
    assert ks_plan.state == "adopted"


def test_adoption_needs_date_and_minute(editor: User, ks_plan: Plan) -> None:
    assert "Ange beslutsdatum och protokollsparagraf." in _step(editor, ks_plan, step="adopt")
    assert "ÅÅÅÅ-MM-DD" in _step(
        editor, ks_plan, step="adopt", adopted_on="22/11", adopted_minute="§ 1"
    )
    ks_plan.refresh_from_db()
    assert ks_plan.state == "draft"


def test_an_adopted_plan_refuses_writes_and_logs_them(editor: User, ks_plan: Plan) -> None:
    _step(editor, ks_plan, step="adopt", adopted_on="2023-11-22", adopted_minute="§ 231")
    before = ks_plan.texts.get(key="agenda_2030").text
    response = client_for(editor).post(
        f"/plan/{ks_plan.pk}/text/agenda_2030/",
        {"text": "Ändrad i efterhand.", "based_on": fingerprint(before)},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 403
    assert "kan inte ändras" in text_of(response)
    assert ks_plan.texts.get(key="agenda_2030").text == before
    assert AuditEntry.objects.filter(action="write_refused", object_id=str(ks_plan.pk)).exists()
    # Still readable, without edit buttons.
    page = client_for(editor).get(f"/plan/{ks_plan.pk}/").content.decode()
    assert "Lås planen" in page
    assert "Redigera" not in client_for(editor).get(f"/plan/{ks_plan.pk}/texter/").content.decode()


def test_a_step_that_does_not_follow_is_refused(editor: User, ks_plan: Plan) -> None:
    assert "det steget går inte härifrån" in _step(editor, ks_plan, step="lock")


def test_the_reader_cannot_adopt(reader: User, ks_plan: Plan) -> None:
    response = client_for(reader).post(
        f"/plan/{ks_plan.pk}/status/",
        {"step": "adopt", "adopted_on": "2023-11-22", "adopted_minute": "§ 1"},
    )
    assert response.status_code == 403
