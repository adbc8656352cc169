"""Kolada revises figures after a year is decided. A year whose plan is locked, or whose annual
report is adopted, keeps its outcomes: Kolada's new figure is listed as a difference on the
command line and on the web, never written."""

from decimal import Decimal
from io import StringIO

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command

from styr.indicators.kolada import do_take_kolada_outcomes
from styr.indicators.models import Indicator
from styr.kolada.actions import shipped_kolada_files
from styr.kolada.models import KoladaValue
from styr.plans.models import OccasionKind, Plan, PlanState, ReportOccasion
from styr.web.tests.helpers import client_for, text_of

pytestmark = pytest.mark.django_db


def _revise(year: int, value: str) -> None:
    KoladaValue.objects.filter(kpi_id="N01951", area_id="1463", gender="T", year=year).update(
        value=Decimal(value)
    )


def _plan_2020(state: str) -> Plan:
    return Plan.objects.create(
        body=Plan.objects.get(body__code="KS", year=2024, body__municipality__key="marks").body,
        year=2020, title="Nämndplan 2020", state=state,
    )  # fmt: skip


def test_an_adopted_annual_report_keeps_its_years_outcome(ks_plan: Plan) -> None:
    plan = _plan_2020(PlanState.ADOPTED)
    ReportOccasion.objects.create(
        plan=plan, key="arsrapport", name="Årsrapport 2020", kind=OccasionKind.ANNUAL,
        position=1, state=PlanState.ADOPTED,
    )  # fmt: skip
    population = Indicator.objects.get(body=ks_plan.body, key="befolkning")
    _revise(2020, "11")

    report = do_take_kolada_outcomes(ks_plan.body, acting_user=None, measures=[population])

    assert population.values.get(year=2020, kind="outcome").value == 34896
    [held] = report.held
    assert (held.year, held.typed, held.kolada) == (2020, Decimal("34896"), Decimal("11"))


def test_the_command_lists_what_a_locked_year_keeps(ks_plan: Plan) -> None:
    _plan_2020(PlanState.LOCKED)
    population = Indicator.objects.get(body=ks_plan.body, key="befolkning")
    # What the locked year decided differs from what Kolada's files now say (34 896).
    population.values.filter(year=2020, kind="outcome").update(value=Decimal("70"))
    out = StringIO()

    call_command("kolada", "import", *map(str, shipped_kolada_files()), stdout=out)

    assert "KS Befolkning 2020: året är beslutat och behåller 70; Kolada anger nu 34 896" in (
        out.getvalue()
    )
    assert population.values.get(year=2020, kind="outcome").value == 70


def test_the_web_says_how_many_decided_years_kept_their_values(
    editor: User, reader: User, ks_plan: Plan
) -> None:
    _plan_2020(PlanState.LOCKED)
    _revise(2020, "70")
    population = Indicator.objects.get(body=ks_plan.body, key="befolkning")
    url = f"/plan/{ks_plan.pk}/indikator/{population.pk}/kolada/"
    page = text_of(client_for(editor).post(url, {}, follow=True))
    assert "1 beslutade år där Kolada nu anger annat behåller sina värden" in page
    assert population.values.get(year=2020, kind="outcome").value == 34896
    assert client_for(reader).post(url, {}).status_code == 403
