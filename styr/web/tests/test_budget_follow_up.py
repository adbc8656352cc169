"""Budget follow-up in the browser: an adopted plan's budget stays as decided, and a report
occasion gets its own columns for outcome, forecast and the deviation against the budget."""

import re
from datetime import date
from decimal import Decimal

import pytest
from django.contrib.auth.models import User

from styr.audit.models import AuditEntry
from styr.documents.render import Format
from styr.documents.tests.helpers import rendered
from styr.finance.models import BudgetCell, BudgetColumn, BudgetTable
from styr.plans.actions import do_change_plan_state
from styr.plans.models import Plan
from styr.testing.workflow import lock_plan
from styr.web.tests.helpers import client_for, text_of

pytestmark = pytest.mark.django_db
HTMX = {"HX-Request": "true"}
BUTTON = "Lägg till uppföljningskolumner för Delårsrapport 2024"


def _adopted(plan: Plan, user: User) -> Plan:
    return do_change_plan_state(
        plan, "adopt", acting_user=user, adopted_on=date(2023, 11, 22), adopted_minute="§ 1"
    )


def _drift(plan: Plan) -> BudgetTable:
    return plan.budget_tables.get(key="drift")


def _occasion(plan: Plan, key: str) -> int:
    return plan.occasions.get(key=key).pk


def _prepare(user: User, plan: Plan, occasion: str = "delar") -> None:
    response = client_for(user).post(
        f"/plan/{plan.pk}/budget/uppfoljning/", {"occasion": _occasion(plan, occasion)}
    )
    assert response.status_code == 302 and response["Location"] == f"/plan/{plan.pk}/budget/"


def _post_amount(user: User, plan: Plan, row: str, column: BudgetColumn, amount: str) -> str:
    """Post one amount of the drift table with htmx; the answer's text."""
    table = _drift(plan)
    response = client_for(user).post(
        f"/plan/{plan.pk}/budget/{table.pk}/",
        {"row": table.rows.get(key=row).pk, "column": column.pk, "amount": amount},
        headers=HTMX,
    )
    assert response.status_code == 200, text_of(response)
    return text_of(response)


def _follow_up(plan: Plan, kind: str) -> BudgetColumn:
    return _drift(plan).columns.get(occasion__key="delar", kind=kind)


def _html(plan: Plan, template: str) -> str:
    page = rendered(plan, template, Format.HTML).decode("utf-8")
    return " ".join(re.sub(r"<[^>]+>", " ", page).split())


def _entered(editor: User, ks_plan: Plan) -> Plan:
    """The plan adopted, prepared for the interim report, with outcome and forecast entered."""
    plan = _adopted(ks_plan, editor)
    _prepare(editor, plan)
    outcome, forecast = _follow_up(plan, "outcome"), _follow_up(plan, "forecast")
    for row, amount in [
        ("intakter", "12,0"), ("personalkostnader", "−63,5"), ("ovriga-kostnader", "−88,4"),
    ]:  # fmt: skip
        _post_amount(editor, plan, row, outcome, amount)
    for row, amount in [
        ("intakter", "18,2"), ("personalkostnader", "−96,1"), ("ovriga-kostnader", "−131,0"),
    ]:  # fmt: skip
        _post_amount(editor, plan, row, forecast, amount)
    return plan


def test_it_offers_an_adopted_plans_editor_the_follow_up_columns(
    editor: User, reader: User, ks_plan: Plan
) -> None:
    plan = _adopted(ks_plan, editor)
    text = text_of(client_for(editor).get(f"/plan/{plan.pk}/budget/"))
    assert "Planen är fastställd. Budgeten är en del av beslutet och ändras inte; utfall, " in text
    assert "förs in i rapporttillfällenas kolumner tills planen låses." in text
    assert BUTTON in text
    assert "Lägg till uppföljningskolumner för Årsrapport 2024" in text
    # The plan's own occasion has no follow-up to prepare.
    assert "uppföljningskolumner för Nämndplan 2024" not in text
    # A reader is told the budget is decided, and offered nothing to change.
    read = text_of(client_for(reader).get(f"/plan/{plan.pk}/budget/"))
    assert "Budgeten är en del av beslutet och ändras inte." in read
    assert "uppföljningskolumner" not in read


def test_it_adds_the_columns_and_recomputes_the_deviation_as_the_forecast_is_entered(
    editor: User, ks_plan: Plan
) -> None:
    plan = _adopted(ks_plan, editor)
    _prepare(editor, plan)
    page = text_of(client_for(editor).get(f"/plan/{plan.pk}/budget/"))
    assert (
        "Budget 2025 Utfall jan–aug 2024 Delårsrapport 2024 Prognos helår 2024 "
        "Delårsrapport 2024 Avvikelse Delårsrapport 2024"
    ) in page
    assert "Avvikelse = Prognos helår 2024 − Budget 2024" in page
    # Prepared once: the button is gone, the annual report's is still there.
    assert BUTTON not in page and "uppföljningskolumner för Årsrapport 2024" in page
    forecast = _follow_up(plan, "forecast")
    text = _post_amount(editor, plan, "intakter", forecast, "18,2")
    # The decided amounts as text, the forecast in its field, the deviation derived: 0,5.
    assert "Intäkter 12,8 14,7 17,7 18,0 0,5 Personalkostnader" in text
    text = _post_amount(editor, plan, "personalkostnader", forecast, "−96,1")
    assert "Personalkostnader −83,0 −79,6 −94,3 −95,0 −1,8 Övriga" in text
    text = _post_amount(editor, plan, "ovriga-kostnader", forecast, "-131")
    assert "Övriga kostnader −127,4 −130,1 −129,0 −130,0 −2,0 Effektiviseringskrav" in text
    # The forecast's sum −208,9 against the decided −205,6: 3,3 worse.
    assert "Nettokostnader −188,9 −195,0 −205,6 −207,0 −208,9 −3,3" in text
    assert "\u2212" in text and "-3,3" not in text
    assert BudgetCell.objects.filter(column=forecast).count() == 3


def test_the_decided_budget_is_refused_after_adoption_with_the_reason(
    editor: User, ks_plan: Plan
) -> None:
    plan = _adopted(ks_plan, editor)
    table = _drift(plan)
    row, column = table.rows.get(key="intakter"), table.columns.get(key="budget-2024")
    response = client_for(editor).post(
        f"/plan/{plan.pk}/budget/{table.pk}/",
        {"row": row.pk, "column": column.pk, "amount": "20,7"},
        headers=HTMX,
    )
    assert response.status_code == 400
    text = text_of(response)
    assert (
        "Intäkter, Budget 2024: KS Nämndplan 2024 är fastställd, och budgeten är en del av "
        "beslutet och kan inte ändras."
    ) in text
    assert BudgetCell.objects.get(row=row, column=column).amount == Decimal("17.7")
    assert AuditEntry.objects.for_object(plan).filter(action="write_refused").exists()


def test_a_computed_deviation_cannot_be_typed(editor: User, ks_plan: Plan) -> None:
    plan = _adopted(ks_plan, editor)
    _prepare(editor, plan)
    table, deviation = _drift(plan), _follow_up(plan, "deviation")
    response = client_for(editor).post(
        f"/plan/{plan.pk}/budget/{table.pk}/",
        {"row": table.rows.get(key="intakter").pk, "column": deviation.pk, "amount": "1"},
        headers=HTMX,
    )
    assert response.status_code == 400
    assert "Intäkter, Avvikelse: Avvikelse räknas fram" in text_of(response)
    assert not BudgetCell.objects.filter(column=deviation).exists()


def test_readers_and_outsiders_cannot_prepare_the_follow_up(
    editor: User, reader: User, outsider: User, ks_plan: Plan
) -> None:
    plan = _adopted(ks_plan, editor)
    url, data = f"/plan/{plan.pk}/budget/uppfoljning/", {"occasion": _occasion(plan, "delar")}
    assert client_for(reader).post(url, data).status_code == 403
    assert client_for(outsider).post(url, data).status_code == 404
    assert client_for(None).post(url, data).status_code == 302  # to the login page
    assert not BudgetColumn.objects.filter(table__plan=plan, occasion__isnull=False).exists()


def test_readers_and_outsiders_cannot_enter_the_forecast(
    editor: User, reader: User, outsider: User, ks_plan: Plan
) -> None:
    plan = _adopted(ks_plan, editor)
    _prepare(editor, plan)
    table, forecast = _drift(plan), _follow_up(plan, "forecast")
    url = f"/plan/{plan.pk}/budget/{table.pk}/"
    data = {"row": table.rows.get(key="intakter").pk, "column": forecast.pk, "amount": "1"}
    assert client_for(reader).post(url, data, headers=HTMX).status_code == 403
    assert client_for(outsider).post(url, data, headers=HTMX).status_code == 404
    assert not BudgetCell.objects.filter(column=forecast).exists()


def test_the_plans_own_occasion_and_a_stranger_occasion_are_refused(
    editor: User, ks_plan: Plan
) -> None:
    plan = _adopted(ks_plan, editor)
    url = f"/plan/{plan.pk}/budget/uppfoljning/"
    response = client_for(editor).post(url, {"occasion": _occasion(plan, "plan")})
    assert response.status_code == 400
    assert "Planen själv har ingen uppföljning" in text_of(response)
    other = Plan.objects.exclude(pk=plan.pk).filter(occasions__kind="interim").first()
    assert other is not None
    stranger = other.occasions.filter(kind="interim").values_list("pk", flat=True).first()
    assert client_for(editor).post(url, {"occasion": stranger}).status_code == 404
    assert client_for(editor).post(url, {}).status_code == 404
    assert not BudgetColumn.objects.filter(table__plan=plan, occasion__isnull=False).exists()


def test_an_occasion_that_is_not_a_number_is_not_found(editor: User, ks_plan: Plan) -> None:
    plan = _adopted(ks_plan, editor)
    response = client_for(editor).post(f"/plan/{plan.pk}/budget/uppfoljning/", {"occasion": "x"})
    assert response.status_code == 404


def test_a_row_that_is_not_a_number_is_refused(editor: User, ks_plan: Plan) -> None:
    table = _drift(ks_plan)
    column = table.columns.get(key="budget-2024")
    response = client_for(editor).post(
        f"/plan/{ks_plan.pk}/budget/{table.pk}/",
        {"row": "x", "column": column.pk, "amount": "1"},
        headers=HTMX,
    )
    assert response.status_code == 400


def test_a_locked_plan_offers_no_follow_up_and_refuses_it(editor: User, ks_plan: Plan) -> None:
    plan = _adopted(ks_plan, editor)
    plan = lock_plan(plan)
    assert "uppföljningskolumner" not in text_of(client_for(editor).get(f"/plan/{plan.pk}/budget/"))
    response = client_for(editor).post(
        f"/plan/{plan.pk}/budget/uppfoljning/", {"occasion": _occasion(plan, "delar")}
    )
    assert response.status_code == 400
    assert "KS Nämndplan 2024 är låst och kan inte ändras." in text_of(response)
    assert not BudgetColumn.objects.filter(table__plan=plan, occasion__isnull=False).exists()


def test_the_interim_report_prints_the_budget_and_the_occasions_columns(
    editor: User, ks_plan: Plan
) -> None:
    plan = _entered(editor, ks_plan)
    text = _html(plan, "delarsrapport")
    assert (
        "Driftbudget - Belopp i miljoner kronor (Mnkr) Budget 2024 Utfall jan–aug 2024 "
        "Prognos helår 2024 Avvikelse"
    ) in text
    assert "Intäkter 17,7 12,0 18,2 0,5" in text
    assert "Personalkostnader −94,3 −63,5 −96,1 −1,8" in text
    assert "Övriga kostnader −129,0 −88,4 −131,0 −2,0" in text
    # Effektiviseringskrav has no amounts for 2024: an empty row.
    assert "Effektiviseringskrav Nettokostnader −205,6 −139,9 −208,9 −3,3" in text
    # Only the year's budget beside the follow-up: not last year's, not the plan years.
    assert "Budget 2023" not in text and "Budget 2025" not in text
    # The other tables have the columns too, still empty.
    assert "IT-investeringar m.m. 12" in text
    assert "Investerings- och exploateringsram (Mnkr) Budget 2024 Utfall jan–aug 2024" in text


def test_the_plan_and_the_annual_report_do_not_print_the_interim_columns(
    editor: User, ks_plan: Plan
) -> None:
    plan = _entered(editor, ks_plan)
    text = _html(plan, "namndplan")
    assert "Budget 2023 Prognos 2023 Budget 2024 Budget 2025" in text
    assert "Intäkter 12,8 14,7 17,7 18,0" in text
    for follow_up in ("Utfall jan–aug 2024", "Prognos helår 2024", "Avvikelse", "18,2"):
        assert follow_up not in text
    annual = _html(plan, "arsrapport")
    assert "Budget 2024" in annual
    assert "Prognos helår 2024" not in annual and "Utfall jan–aug 2024" not in annual
