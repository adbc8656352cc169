"""The plan's item lists (digitalisation, premises, competence) edited in the browser."""

from decimal import Decimal

import pytest
from django.contrib.auth.models import User

from styr.audit.models import AuditEntry
from styr.plans.items import KINDS
from styr.plans.models import CompetenceNeed, DigitalisationItem, Plan
from styr.web.forms import fingerprint_of
from styr.web.tests.helpers import client_for, text_of

pytestmark = pytest.mark.django_db


def test_it_lists_the_digitalisation_plan(reader: User, ks_plan: Plan) -> None:
    response = client_for(reader).get(f"/plan/{ks_plan.pk}/delar/digitalisering/")
    text = text_of(response)
    first = ks_plan.digitalisation_items.first()
    assert first is not None and first.name in text
    assert "Lägg till" not in text  # a reader changes nothing


def test_the_editor_adds_changes_and_removes_an_item(editor: User, ks_plan: Plan) -> None:
    client = client_for(editor)
    base = f"/plan/{ks_plan.pk}/delar/digitalisering/"
    response = client.post(
        f"{base}ny/",
        {"kind": "investment", "name": "Digital nämndadministration", "budget_need": "1 250 000",
         "period_start": "2024", "period_end": "2025"},
    )  # fmt: skip
    assert response.status_code == 302
    item = DigitalisationItem.objects.get(plan=ks_plan, name="Digital nämndadministration")
    assert item.budget_need == Decimal("1250000")
    form = client.get(base).content.decode()
    assert "Digital nämndadministration" in form
    based_on = fingerprint_of(item, list(KINDS["digitalisering"].fields))
    changed = {
        "kind": "investment", "name": "Digital nämndadministration, steg 1",
        "budget_need": "900 000", "period_start": "2024", "period_end": "2025",
        "based_on": based_on,
    }  # fmt: skip
    assert client.post(f"{base}{item.pk}/", changed).status_code == 302
    item.refresh_from_db()
    assert item.name == "Digital nämndadministration, steg 1"
    assert client.post(f"{base}{item.pk}/ta-bort/").status_code == 302
    assert not DigitalisationItem.objects.filter(pk=item.pk).exists()
    actions = set(AuditEntry.objects.filter(actor=editor).values_list("action", flat=True))
    assert {
        "digitalisationitem_created",
        "digitalisationitem_changed",
        "digitalisationitem_deleted",
    } <= actions


def test_a_bad_field_is_named_and_nothing_is_saved(editor: User, ks_plan: Plan) -> None:
    before = CompetenceNeed.objects.filter(plan=ks_plan).count()
    response = client_for(editor).post(
        f"/plan/{ks_plan.pk}/delar/kompetens/ny/", {"need": "", "actions": "Utbilda"}
    )
    assert response.status_code == 400
    assert "Inget sparades" in text_of(response) and "Detta fält måste fyllas i." in text_of(
        response
    )
    assert "Utbilda</textarea>" in response.content.decode()
    assert CompetenceNeed.objects.filter(plan=ks_plan).count() == before


def test_a_save_over_someone_elses_change_is_held_back(editor: User, ks_plan: Plan) -> None:
    need = CompetenceNeed.objects.create(plan=ks_plan, key="ikt", need="Systemförvaltare")
    response = client_for(editor).post(
        f"/plan/{ks_plan.pk}/delar/kompetens/{need.pk}/",
        {"need": "Min version", "actions": "", "based_on": "inaktuell"},
    )
    assert response.status_code == 409
    assert "Någon annan har sparat ändringar" in text_of(response)
    assert "Min version" in response.content.decode()
    need.refresh_from_db()
    assert need.need != "Min version"


def test_readers_and_outsiders_are_refused(reader: User, outsider: User, ks_plan: Plan) -> None:
    url = f"/plan/{ks_plan.pk}/delar/kompetens/ny/"
    assert client_for(reader).post(url, {"need": "X"}).status_code == 403
    assert client_for(outsider).post(url, {"need": "X"}).status_code == 404
    assert client_for(outsider).get(f"/plan/{ks_plan.pk}/delar/kompetens/").status_code == 404
    assert client_for(reader).get(f"/plan/{ks_plan.pk}/delar/okand/").status_code == 404
    assert not CompetenceNeed.objects.filter(plan=ks_plan, need="X").exists()
