"""Budget tables in the browser: amounts entered cell by cell, sums derived at once."""

from decimal import Decimal

import pytest
from django.contrib.auth.models import User

from styr.audit.models import AuditEntry
from styr.finance.models import BudgetCell
from styr.plans.models import Plan
from styr.web.tests.helpers import client_for, text_of

pytestmark = pytest.mark.django_db
HTMX = {"HX-Request": "true"}


def _cell(plan: Plan, row: str, column: str) -> dict[str, int]:
    table = plan.budget_tables.get(key="drift")
    return {
        "row": table.rows.get(key=row).pk,
        "column": table.columns.get(key=column).pk,
        "table": table.pk,
    }


def test_it_shows_the_tables_with_derived_sums(reader: User, ks_plan: Plan) -> None:
    text = text_of(client_for(reader).get(f"/plan/{ks_plan.pk}/budget/"))
    assert "Nettokostnader −188,9 −195,0 −205,6 −207,0" in text
    # The sample's stated investment total differs from nothing; no warning there.
    assert "angivet" not in text


def test_a_changed_amount_changes_the_sum_at_once(editor: User, ks_plan: Plan) -> None:
    ids = _cell(ks_plan, "intakter", "budget-2024")
    response = client_for(editor).post(
        f"/plan/{ks_plan.pk}/budget/{ids['table']}/",
        {"row": ids["row"], "column": ids["column"], "amount": "20,7"},
        headers=HTMX,
    )
    assert response.status_code == 200
    text = text_of(response)
    # −205,6 + 3,0 more income; the plan's stated −205,6 is shown beside the derived sum.
    assert "Nettokostnader −188,9 −195,0 −202,6 angivet −205,6" in text
    assert AuditEntry.objects.filter(action="budget_amount_set", actor=editor).exists()


def test_a_bad_amount_is_named_and_nothing_changes(editor: User, ks_plan: Plan) -> None:
    ids = _cell(ks_plan, "intakter", "budget-2024")
    response = client_for(editor).post(
        f"/plan/{ks_plan.pk}/budget/{ids['table']}/",
        {"row": ids["row"], "column": ids["column"], "amount": "sjutton"},
        headers=HTMX,
    )
    assert response.status_code == 400
    assert "Intäkter, Budget 2024: ”sjutton” är inte ett belopp." in text_of(response)
    assert BudgetCell.objects.get(row_id=ids["row"], column_id=ids["column"]).amount == Decimal(
        "17.7"
    )


def test_readers_and_outsiders_cannot_change_amounts(
    reader: User, outsider: User, ks_plan: Plan
) -> None:
    ids = _cell(ks_plan, "intakter", "budget-2024")
    data = {"row": ids["row"], "column": ids["column"], "amount": "1"}
    url = f"/plan/{ks_plan.pk}/budget/{ids['table']}/"
    assert client_for(reader).post(url, data).status_code == 403
    assert client_for(outsider).post(url, data).status_code == 404
    assert client_for(outsider).get(f"/plan/{ks_plan.pk}/budget/").status_code == 404


def test_a_save_over_someone_elses_amount_is_held_back_and_keeps_both(
    editor: User, ks_plan: Plan
) -> None:
    ids = _cell(ks_plan, "intakter", "budget-2024")
    url = f"/plan/{ks_plan.pk}/budget/{ids['table']}/"
    first = {"row": ids["row"], "column": ids["column"], "seen": "17.7"}
    client = client_for(editor)
    assert client.post(url, {**first, "amount": "20"}, headers=HTMX).status_code == 200
    # A colleague began from 17,7 too, before the first save.
    response = client.post(url, {**first, "amount": "18,5"}, headers=HTMX)
    assert response.status_code == 409
    text = text_of(response)
    assert (
        "Intäkter, Budget 2024: någon annan har ändrat beloppet till 20,0 medan du skrev." in text
    )
    assert 'value="18,5"' in response.content.decode() and 'aria-invalid="true"' in (
        response.content.decode()
    )
    assert BudgetCell.objects.get(row_id=ids["row"], column_id=ids["column"]).amount == 20
    # Saving again, now from what is stored, overwrites it deliberately.
    again = client.post(url, {**first, "seen": "20", "amount": "18,5"}, headers=HTMX)
    assert again.status_code == 200
    assert BudgetCell.objects.get(row_id=ids["row"], column_id=ids["column"]).amount == Decimal(
        "18.5"
    )


def test_without_javascript_a_refused_amount_shows_the_whole_page(
    editor: User, ks_plan: Plan
) -> None:
    ids = _cell(ks_plan, "intakter", "budget-2024")
    response = client_for(editor).post(
        f"/plan/{ks_plan.pk}/budget/{ids['table']}/",
        {"row": ids["row"], "column": ids["column"], "amount": "sjutton"},
    )
    assert response.status_code == 400
    text = text_of(response)
    assert "Budget i Nämndplan 2024" in text and "”sjutton” är inte ett belopp" in text
    assert text.count("är inte ett belopp") == 1
