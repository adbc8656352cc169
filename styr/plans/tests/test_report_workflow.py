"""Each report is a decision of its own: once the delårsrapport is adopted, its follow-up is
refused on every route (actions, web, Excel, plan files) while the årsrapport's goes on; a
revision opens it again and its next adoption is version 2."""

import re
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from django.contrib.auth.models import User

from styr.audit.models import AuditEntry
from styr.documents.models import DocumentVersion
from styr.excel.read import read_workbook
from styr.excel.tests.helpers import cell_of, edited, exported
from styr.finance.actions import do_set_budget_cell
from styr.finance.models import BudgetCell, BudgetColumn, BudgetRow
from styr.planfiles.actions import do_import_plan_files
from styr.planfiles.nodes import PlanFileError
from styr.planfiles.tests.helpers import export_files
from styr.plans.actions import InvalidTransition, PlanLocked, do_change_occasion_state
from styr.plans.models import Plan, ReportOccasion
from styr.steering.actions import do_assess_goal
from styr.steering.models import GoalFollowUp
from styr.web.tests.helpers import client_for, text_of

pytestmark = pytest.mark.django_db

REFUSED = "Delårsrapport 2024 är fastställd (2024-09-20, § 88); uppföljningen i den är"


def _adopt(occasion: ReportOccasion, editor: User, minute: str = "§ 88") -> ReportOccasion:
    return do_change_occasion_state(
        occasion, "adopt", acting_user=editor, adopted_on=date(2024, 9, 20), adopted_minute=minute
    )


@pytest.fixture
def interim(adopted_plan: Plan, editor: User) -> ReportOccasion:
    return _adopt(adopted_plan.occasions.get(key="delar"), editor)


def _forecast(plan: Plan) -> tuple[BudgetRow, BudgetColumn]:
    row = BudgetRow.objects.get(table__plan=plan, table__key="drift", key="intakter")
    return row, BudgetColumn.objects.get(table=row.table, key="forecast-delar")


def test_a_report_cannot_be_adopted_before_its_plan(ks_plan: Plan, editor: User) -> None:
    with pytest.raises(InvalidTransition, match="kan fastställas först när planen är fastställd"):
        _adopt(ks_plan.occasions.get(key="delar"), editor)
    assert not DocumentVersion.objects.filter(occasion__plan=ks_plan).exists()


def test_an_adopted_report_refuses_its_follow_up_and_says_why(
    interim: ReportOccasion, adopted_plan: Plan, editor: User
) -> None:
    goal = adopted_plan.goals.first()
    assert goal is not None
    with pytest.raises(PlanLocked, match=re.escape(REFUSED)):
        do_assess_goal(goal, interim, fulfilment=None, analysis="Sent.", acting_user=editor)
    row, forecast = _forecast(adopted_plan)
    with pytest.raises(PlanLocked, match=re.escape(REFUSED)):
        do_set_budget_cell(row, forecast, Decimal("19"), acting_user=editor)
    assert not BudgetCell.objects.filter(row=row, column=forecast).exists()
    assert (
        AuditEntry.objects.filter(action="write_refused", object_id=str(adopted_plan.pk)).count()
        == 2
    )
    # The annual report is not decided yet: its follow-up goes on.
    annual = adopted_plan.occasions.get(key="arsrapport")
    do_assess_goal(goal, annual, fulfilment=None, analysis="Pågår.", acting_user=editor)
    assert GoalFollowUp.objects.get(goal=goal, occasion=annual).analysis == "Pågår."


def test_the_web_refuses_the_adopted_reports_follow_up(
    interim: ReportOccasion, adopted_plan: Plan, editor: User
) -> None:
    row, forecast = _forecast(adopted_plan)
    response = client_for(editor).post(
        f"/plan/{adopted_plan.pk}/budget/{row.table_id}/",
        {"row": row.pk, "column": forecast.pk, "amount": "19"},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 400 and REFUSED in text_of(response)
    assert not BudgetCell.objects.filter(row=row, column=forecast).exists()


def test_excel_names_the_cell_of_an_adopted_report(
    interim: ReportOccasion, adopted_plan: Plan
) -> None:
    data = exported(adopted_plan)
    sheet = "Budget drift"
    cell = cell_of(data, sheet, "intakter", "Prognos helår 2024 (Delårsrapport 2024)")

    def edit(book: object) -> None:
        book[sheet][cell] = 19  # type: ignore[index]

    errors = [str(e) for e in read_workbook(edited(data, edit), plan=adopted_plan).errors]
    assert errors == [
        f"{sheet}!{cell}: "
        "Delårsrapport 2024 är fastställd (2024-09-20, § 88); uppföljningen i den är "
        "en del av beslutet och kan inte ändras. Revidera rapporten först om den ska ändras."
    ]


def test_a_plan_file_with_the_adopted_reports_follow_up_is_refused(
    interim: ReportOccasion, adopted_plan: Plan, tmp_path: Path
) -> None:
    files = list(export_files(adopted_plan, tmp_path))
    text = files[1].read_text(encoding="utf-8")
    files[1].write_text(
        text.replace(
            "cells: {budget-2023: 12.8", "cells: {forecast-delar: 18.1, budget-2023: 12.8", 1
        ),
        encoding="utf-8",
    )
    with pytest.raises(PlanFileError, match="Delårsrapport 2024 är fastställd"):
        do_import_plan_files(files, acting_user=None)
    row, forecast = _forecast(adopted_plan)
    assert not BudgetCell.objects.filter(row=row, column=forecast).exists()


def test_a_revised_report_takes_follow_up_again_and_becomes_version_2(
    interim: ReportOccasion, adopted_plan: Plan, editor: User
) -> None:
    interim = do_change_occasion_state(interim, "revise", acting_user=editor)
    row, forecast = _forecast(adopted_plan)
    do_set_budget_cell(row, forecast, Decimal("19"), acting_user=editor)
    interim = _adopt(interim, editor, minute="§ 97")
    versions = DocumentVersion.objects.filter(occasion=interim).order_by("number")
    assert [(v.number, v.kind, v.minute) for v in versions] == [
        (1, "adopted", "§ 88"), (2, "revision", "§ 97"),
    ]  # fmt: skip
    assert AuditEntry.objects.filter(action="report_revise", object_id=str(interim.pk)).exists()


def test_a_decision_needs_a_date_after_the_period_and_a_short_minute(
    adopted_plan: Plan, editor: User
) -> None:
    interim = adopted_plan.occasions.get(key="delar")
    with pytest.raises(InvalidTransition, match="gäller per 2024-08-31 och kan inte fastställas"):
        do_change_occasion_state(
            interim, "adopt", acting_user=editor, adopted_on=date(2024, 6, 1), adopted_minute="§ 1"
        )
    with pytest.raises(InvalidTransition, match="Protokollsparagraf: högst 50 tecken"):
        do_change_occasion_state(
            interim, "adopt", acting_user=editor, adopted_on=date(2024, 9, 20),
            adopted_minute="§" * 80,
        )  # fmt: skip
    interim.refresh_from_db()
    assert interim.state == "draft" and not interim.versions.exists()


def test_next_years_reports_start_as_drafts(interim: ReportOccasion, editor: User) -> None:
    from styr.plans.copying import do_copy_plan_to_next_year

    new = do_copy_plan_to_next_year(interim.plan, acting_user=editor)
    copied = new.occasions.get(key="delar")
    assert (copied.state, copied.adopted_on, copied.adopted_minute) == ("draft", None, "")


def test_a_plan_file_cannot_remove_a_decided_report(
    interim: ReportOccasion, adopted_plan: Plan, editor: User, tmp_path: Path
) -> None:
    from styr.plans.actions import do_change_plan_state

    plan = do_change_plan_state(adopted_plan, "revise", acting_user=editor)
    files = list(export_files(plan, tmp_path))
    text = files[1].read_text(encoding="utf-8")
    start = text.index("- key: delar")
    end = text.index("- key: arsrapport")
    files[1].write_text(text[:start] + text[end:], encoding="utf-8")
    with pytest.raises(
        PlanFileError,
        match="rapporttillfället ”delar” .* har ett beslut; en planfil kan inte ta bort",
    ):
        do_import_plan_files(files, acting_user=None)
    assert DocumentVersion.objects.filter(occasion=interim).exists()
