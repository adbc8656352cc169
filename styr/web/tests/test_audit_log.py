"""Every change is on record: on the object's page, and in a searchable log for auditors."""

import pytest
from django.contrib.auth.models import User

from styr.plans.actions import do_update_plan_text, fingerprint
from styr.plans.models import Plan
from styr.web.tests.helpers import client_for, text_of

pytestmark = pytest.mark.django_db


def _edit(plan: Plan, user: User) -> None:
    chapter = plan.texts.get(key="agenda_2030")
    do_update_plan_text(
        plan, "agenda_2030", "Ändrad.", based_on=fingerprint(chapter.text), acting_user=user
    )


def test_the_plan_page_shows_who_changed_what(editor: User, reader: User, ks_plan: Plan) -> None:
    _edit(ks_plan, editor)
    text = text_of(client_for(reader).get(f"/plan/{ks_plan.pk}/"))
    assert "Ändringshistorik" in text
    assert "ks.redaktor Kapiteltext ändrad text: " in text and "→ Ändrad. Agenda 2030" in text


def test_the_auditor_searches_the_log(editor: User, ks_plan: Plan) -> None:
    _edit(ks_plan, editor)
    auditor = User.objects.get(username="revisor")
    client = client_for(auditor)
    assert "Ändringslogg" in text_of(client.get("/"))
    text = text_of(client.get("/logg/", {"q": "agenda ks.redaktor"}))
    assert "1 poster som matchar" in text and "Kapiteltext ändrad" in text
    assert "0 poster" in text_of(client.get("/logg/", {"q": "finns-inte"}))


def test_the_log_reads_in_swedish_and_is_searched_by_its_swedish_names(
    editor: User, ks_plan: Plan
) -> None:
    chapter = ks_plan.texts.get(key="agenda_2030")
    do_update_plan_text(
        ks_plan, "agenda_2030", "Första.", based_on=fingerprint(chapter.text), acting_user=editor
    )
    do_update_plan_text(
        ks_plan, "agenda_2030", "Andra.", based_on=fingerprint("Första."), acting_user=editor
    )
    client = client_for(User.objects.get(username="revisor"))
    text = text_of(client.get("/logg/", {"q": "kapiteltext ks.redaktor"}))
    assert "2 poster som matchar" in text
    assert "text: Första. → Andra." in text
    assert "plan_text_changed" not in text and "{'text'" not in text


def test_others_do_not_see_the_log(editor: User, outsider: User) -> None:
    assert client_for(editor).get("/logg/").status_code == 404
    assert client_for(outsider).get("/logg/").status_code == 404
    assert "Ändringslogg" not in text_of(client_for(editor).get("/"))
