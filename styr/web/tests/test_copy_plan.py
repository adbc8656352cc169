"""'Copy to next year' starts the next plan from this one, without this year's outcomes."""

from decimal import Decimal

import pytest
from django.contrib.auth.models import User

from styr.audit.models import AuditEntry
from styr.finance.models import BudgetCell
from styr.plans.models import Plan
from styr.web.tests.helpers import client_for, text_of

pytestmark = pytest.mark.django_db

YES = {"confirm": "yes"}


def test_the_editor_starts_next_years_plan(editor: User, ks_plan: Plan) -> None:
    response = client_for(editor).post(f"/plan/{ks_plan.pk}/kopiera/", YES, follow=True)
    assert "Nämndplan 2025 är påbörjad utifrån Nämndplan 2024." in text_of(response)
    new = Plan.objects.get(body=ks_plan.body, year=2025)
    assert (new.title, new.state, new.adopted_on) == ("Nämndplan 2025", "draft", None)
    assert new.texts.count() == ks_plan.texts.count()
    assert new.goals.count() == 3
    assert [o.name for o in new.occasions.all()] == [
        "Nämndplan 2025",
        "Delårsrapport 2025",
        "Årsrapport 2025",
    ]
    # Closed assignments stay behind; statuses and comments are this year's.
    assert new.assignments.count() == ks_plan.assignments.count() - 3
    assert not new.assignments.filter(follow_ups__isnull=False).exists()
    columns = list(new.budget_tables.get(key="drift").columns.values_list("key", "year"))
    assert ("budget-2025", 2025) in columns and ("budget-2026", 2026) in columns
    # This year's decided budget is the new plan's previous-year column; the rest is empty.
    cells = BudgetCell.objects.filter(row__table__plan=new)
    assert {c.column.key for c in cells} == {"budget-2024"}
    assert cells.get(row__table__key="drift", row__key="intakter").amount == Decimal("17.7")
    assert AuditEntry.objects.filter(action="plan_copied", object_id=str(new.pk)).exists()


def test_it_refuses_a_second_copy(editor: User, ks_plan: Plan) -> None:
    client = client_for(editor)
    client.post(f"/plan/{ks_plan.pk}/kopiera/", YES)
    response = client.post(f"/plan/{ks_plan.pk}/kopiera/", YES, follow=True)
    assert "Kommunstyrelsen har redan en plan för 2025." in text_of(response)
    assert Plan.objects.filter(body=ks_plan.body, year=2025).count() == 1
    # The page links the existing plan instead of offering the copy again.
    new = Plan.objects.get(body=ks_plan.body, year=2025)
    page = response.content.decode()
    assert f'href="/plan/{new.pk}/"' in page and "Nämndplan 2025 finns redan" in text_of(response)
    assert "confirm-copy" not in page


def test_a_copy_needs_a_confirmation(editor: User, ks_plan: Plan) -> None:
    client = client_for(editor)
    page = text_of(client.get(f"/plan/{ks_plan.pk}/"))
    assert (
        "Påbörja planen för 2025 som ett utkast" in page and "Den här planen ändras inte." in page
    )
    response = client.post(f"/plan/{ks_plan.pk}/kopiera/", follow=True)
    assert "Kryssa i att du vill kopiera planen till nästa år; ingen ny plan skapades." in text_of(
        response
    )
    assert not Plan.objects.filter(body=ks_plan.body, year=2025).exists()


def test_readers_and_outsiders_cannot_copy(reader: User, outsider: User, ks_plan: Plan) -> None:
    assert client_for(reader).post(f"/plan/{ks_plan.pk}/kopiera/", YES).status_code == 403
    assert client_for(outsider).post(f"/plan/{ks_plan.pk}/kopiera/", YES).status_code == 404
    assert not Plan.objects.filter(body=ks_plan.body, year=2025).exists()
