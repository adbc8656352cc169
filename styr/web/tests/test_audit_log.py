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
    assert "Ändringshistorik" in text and "ks.redaktor plan_text_changed Agenda 2030" in text


def test_the_auditor_searches_the_log(editor: User, ks_plan: Plan) -> None:
    _edit(ks_plan, editor)
    auditor = User.objects.get(username="revisor")
    client = client_for(auditor)
    assert "Ändringslogg" in text_of(client.get("/"))
    text = text_of(client.get("/logg/", {"q": "agenda ks.redaktor"}))
    assert "1 poster som matchar" in text and "plan_text_changed" in text
    assert "0 poster" in text_of(client.get("/logg/", {"q": "finns-inte"}))


def test_others_do_not_see_the_log(editor: User, outsider: User) -> None:
    assert client_for(editor).get("/logg/").status_code == 404
    assert client_for(outsider).get("/logg/").status_code == 404
    assert "Ändringslogg" not in text_of(client_for(editor).get("/"))
