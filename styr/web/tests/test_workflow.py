"""A plan goes from draft to submitted to adopted to locked; an adopted plan is immutable; each
report takes its own way to a decision before the plan is locked."""

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
    page = text_of(client_for(editor).get(f"/plan/{ks_plan.pk}/"))
    assert "Lås planen" not in page
    assert "Inte fastställda än: Delårsrapport 2024, Årsrapport 2024." in page
    assert "Planen låses när årets rapporter är fastställda" in _step(editor, ks_plan, step="lock")
    for n, key in enumerate(["delar", "arsrapport"], start=2):
        page = _report(editor, ks_plan, key, step="adopt", adopted_on=f"2025-0{n}-01",
                       adopted_minute=f"§ {n}")  # fmt: skip
        assert "är nu fastställd." in page
    assert "Planen är nu låst." in _step(editor, ks_plan, step="lock")


def _report(user: User, plan: Plan, key: str, **data: str) -> str:
    data = {"confirm": "yes", **data}
    response = client_for(user).post(f"/plan/{plan.pk}/rapport/{key}/status/", data, follow=True)
    return text_of(response)


def test_a_report_waits_for_the_plan_and_is_then_decided_on_its_own(
    editor: User, ks_plan: Plan
) -> None:
    decision = {"adopted_on": "2024-09-20", "adopted_minute": "§ 88"}
    page = _report(editor, ks_plan, "delar", step="adopt", **decision)
    assert "Delårsrapport 2024 kan fastställas först när planen är fastställd." in page
    _step(editor, ks_plan, step="adopt", adopted_on="2023-11-22", adopted_minute="§ 231")
    assert "Delårsrapport 2024 är nu inlämnad." in _report(editor, ks_plan, "delar", step="submit")
    page = _report(editor, ks_plan, "delar", step="adopt", **decision, confirm="")
    assert "rapporten fastställdes inte" in page
    page = _report(editor, ks_plan, "delar", step="adopt", **decision)
    assert "Delårsrapport 2024 är nu fastställd." in page
    assert "2024-09-20, § 88" in page
    occasion = ks_plan.occasions.get(key="delar")
    assert (occasion.state, occasion.adopted_on) == ("adopted", date(2024, 9, 20))
    assert occasion.versions.get(template_key="delarsrapport").number == 1
    assert AuditEntry.objects.filter(action="report_adopt", object_id=str(occasion.pk)).exists()
    # The annual report is still open; the plan cannot be locked yet.
    assert "Inte fastställd än: Årsrapport 2024." in page


def test_the_reader_cannot_take_a_report_a_step(reader: User, ks_plan: Plan) -> None:
    response = client_for(reader).post(
        f"/plan/{ks_plan.pk}/rapport/delar/status/", {"step": "submit", "confirm": "yes"}
    )
    assert response.status_code == 403
    assert ks_plan.occasions.get(key="delar").state == "draft"


def test_an_outsider_cannot_see_the_plan_to_take_a_step(outsider: User, ks_plan: Plan) -> None:
    response = client_for(outsider).post(
        f"/plan/{ks_plan.pk}/rapport/delar/status/", {"step": "submit"}
    )
    assert response.status_code == 404


def test_adopting_and_locking_need_an_explicit_confirmation(editor: User, ks_plan: Plan) -> None:
    page = _step(
        editor, ks_plan, step="adopt", adopted_on="2023-11-22", adopted_minute="§ 231", confirm=""
    )
    assert "Kryssa i att du bekräftar beslutet; planen fastställdes inte." in page
    ks_plan.refresh_from_db()
    assert ks_plan.state == "draft"
    _step(editor, ks_plan, step="adopt", adopted_on="2023-11-22", adopted_minute="§ 231")
    assert "planen öppnades inte för revidering" in _step(
        editor, ks_plan, step="revise", confirm=""
    )
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
    assert "Revidera planen" in page
    assert "Redigera" not in client_for(editor).get(f"/plan/{ks_plan.pk}/texter/").content.decode()


def test_a_step_that_does_not_follow_is_refused(editor: User, ks_plan: Plan) -> None:
    assert "det steget går inte härifrån" in _step(editor, ks_plan, step="lock")


def test_the_reader_cannot_adopt(reader: User, ks_plan: Plan) -> None:
    response = client_for(reader).post(
        f"/plan/{ks_plan.pk}/status/",
        {"step": "adopt", "adopted_on": "2023-11-22", "adopted_minute": "§ 1"},
    )
    assert response.status_code == 403


def test_the_plans_own_occasion_is_not_a_report(editor: User, ks_plan: Plan) -> None:
    response = client_for(editor).post(
        f"/plan/{ks_plan.pk}/rapport/plan/status/", {"step": "submit", "confirm": "yes"}
    )
    assert response.status_code == 404
    ks_plan.refresh_from_db()
    assert ks_plan.state == "draft"
