"""A year's outcomes and forecasts close with its annual report: once the årsrapport is
adopted they are part of that decision, refused on every route (the action, the web, also
through next year's plan, Excel, plan files, the admin) with the reason, as Kolada already
keeps them. A revision of the annual report opens them again."""

import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.test import Client

from styr.audit.models import AuditEntry
from styr.excel.read import read_workbook
from styr.excel.tests.helpers import cell_of, edited, exported
from styr.indicators.actions import do_set_indicator_value
from styr.indicators.models import Indicator, IndicatorValue, ValueKind
from styr.planfiles.actions import do_import_plan_files
from styr.planfiles.nodes import PlanFileError
from styr.planfiles.tests.helpers import export_files
from styr.plans.actions import PlanLocked, do_change_occasion_state
from styr.plans.copying import do_copy_plan_to_next_year
from styr.plans.models import Plan
from styr.testing.admin import inline_edit
from styr.testing.workflow import adopt_reports
from styr.web.tests.helpers import client_for, text_of

pytestmark = pytest.mark.django_db

CLOSED = "Årsrapport 2024 är fastställd (2025-02-02, § 2); uppföljningen i den är en del av"


@pytest.fixture
def reported(adopted_plan: Plan) -> Plan:
    """The plan adopted and every report of its year adopted; the plan itself not locked."""
    return adopt_reports(adopted_plan)


def _housing(plan: Plan) -> Indicator:
    return Indicator.objects.get(body=plan.body, key="nya-bostader")


def _outcome(plan: Plan) -> Decimal | None:
    found = _housing(plan).values.filter(year=2024, kind=ValueKind.OUTCOME).first()
    return found.value if found is not None else None


def test_the_action_refuses_the_closed_years_outcome_and_records_it(
    reported: Plan, editor: User
) -> None:
    before = _outcome(reported)
    for kind in (ValueKind.OUTCOME, ValueKind.FORECAST):
        with pytest.raises(PlanLocked, match=re.escape(CLOSED)):
            do_set_indicator_value(
                _housing(reported), plan=reported, year=2024, kind=kind, value=Decimal(5),
                acting_user=editor,
            )  # fmt: skip
    assert _outcome(reported) == before
    assert AuditEntry.objects.filter(action="write_refused", actor=editor).count() == 2


def test_the_web_refuses_it_also_through_next_years_plan(reported: Plan, editor: User) -> None:
    draft = do_copy_plan_to_next_year(reported, acting_user=editor)
    before = _outcome(reported)
    for plan in (reported, draft):
        response = client_for(editor).post(
            f"/plan/{plan.pk}/indikator/{_housing(plan).pk}/",
            {"year": 2024, "kind": "outcome", "value": "5", "comparator": ""},
        )
        assert response.status_code == 400 and CLOSED in text_of(response)
    assert _outcome(reported) == before
    # Next year's own outcomes go on.
    response = client_for(editor).post(
        f"/plan/{draft.pk}/indikator/{_housing(draft).pk}/",
        {"year": 2025, "kind": "outcome", "value": "5", "comparator": ""},
    )
    assert response.status_code == 200


def test_excel_names_the_cell(reported: Plan) -> None:
    data = exported(reported)
    cell = cell_of(data, "Indikatorer", "nya-bostader", "Utfall 2024")

    def edit(book: object) -> None:
        book["Indikatorer"][cell] = 5  # type: ignore[index]

    errors = [str(e) for e in read_workbook(edited(data, edit), plan=reported).errors]
    assert len(errors) == 1 and errors[0].startswith(f"Indikatorer!{cell}: {CLOSED}")


def test_a_plan_file_is_refused_with_file_line_and_field(reported: Plan, tmp_path: Path) -> None:
    files = list(export_files(reported, tmp_path))
    text = files[1].read_text(encoding="utf-8")
    files[1].write_text(
        text.replace("2024: {target: ≥ 96}", "2024: {outcome: 5, target: ≥ 96}", 1),
        encoding="utf-8",
    )
    with pytest.raises(PlanFileError, match=r"ks-2024\.yaml:\d+: .*skulle lägga till utfall 2024"):
        do_import_plan_files(files, acting_user=None)
    assert _outcome(reported) is None or _outcome(reported) != 5


def test_the_admin_refuses_it(client: Client, adopted_plan: Plan, editor: User) -> None:
    found = do_set_indicator_value(
        _housing(adopted_plan), plan=adopted_plan, year=2024, kind=ValueKind.OUTCOME,
        value=Decimal(80), acting_user=editor,
    )  # fmt: skip
    assert found is not None
    adopt_reports(adopted_plan)
    client.login(username="admin", password="demo")
    url = f"/admin/indicators/indicator/{found.indicator_id}/change/"
    data = inline_edit(client, url, IndicatorValue, found.pk, "value", "1")

    response = client.post(url, data)

    assert response.status_code == 403
    found.refresh_from_db()
    assert found.value == 80
    refusal = AuditEntry.objects.filter(action="write_refused").latest("pk").changes["refusal"]
    assert refusal.startswith("Årsrapport 2024 är fastställd")


def test_a_revised_annual_report_takes_outcomes_again(reported: Plan, editor: User) -> None:
    annual = reported.occasions.get(key="arsrapport")
    do_change_occasion_state(annual, "revise", acting_user=editor)
    do_set_indicator_value(
        _housing(reported), plan=reported, year=2024, kind=ValueKind.OUTCOME, value=Decimal(5),
        acting_user=editor,
    )  # fmt: skip
    assert _outcome(reported) == 5
