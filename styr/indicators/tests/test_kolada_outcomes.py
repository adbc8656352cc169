"""Indicators linked to a Kolada KPI take their outcomes from Kolada; typed values stay."""

from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command

from styr.audit.models import AuditEntry
from styr.indicators.kolada import conflicts_of, do_accept_kolada_outcome, do_take_kolada_outcomes
from styr.indicators.models import Indicator, IndicatorValue
from styr.kolada.actions import shipped_kolada_files
from styr.kolada.models import KoladaValue
from styr.plans.models import Plan, PlanState

pytestmark = pytest.mark.django_db


def _population(plan: Plan) -> Indicator:
    return Indicator.objects.get(body=plan.body, key="befolkning")


def _outcome(indicator: Indicator, year: int) -> IndicatorValue:
    return indicator.values.get(year=year, kind="outcome")


def test_the_demo_shows_real_kolada_outcomes(ks_plan: Plan) -> None:
    population = _population(ks_plan)
    # Kolada N01951 for Marks: the sample's 35 201 in 2021, and years the plan leaves out.
    assert (_outcome(population, 2021).value, _outcome(population, 2021).source) == (
        Decimal("35201"), "kolada",
    )  # fmt: skip
    assert (_outcome(population, 2019).value, _outcome(population, 2019).source) == (
        Decimal("34754"), "kolada",
    )  # fmt: skip


def test_a_typed_value_that_kolada_states_differently_stays_and_is_reported(
    ks_plan: Plan,
) -> None:
    population = _population(ks_plan)
    assert (_outcome(population, 2022).value, _outcome(population, 2022).source) == (
        Decimal("35347"), "manual",
    )  # fmt: skip
    [conflict] = conflicts_of(population, ks_plan.body.municipality)
    assert (conflict.year, conflict.typed, conflict.kolada) == (2022, 35347, 35329)


def test_taking_again_changes_nothing(ks_plan: Plan) -> None:
    entries = AuditEntry.objects.count()
    report = do_take_kolada_outcomes(ks_plan.body, acting_user=None)
    assert report.measures == 4 and report.added == report.updated == 0
    assert report.unchanged > 0 and len(report.conflicts) == 4
    assert AuditEntry.objects.count() == entries


def test_a_new_kolada_figure_updates_kolada_values_but_never_typed_ones(ks_plan: Plan) -> None:
    population = _population(ks_plan)
    KoladaValue.objects.filter(kpi_id="N01951", area_id="1463", gender="T", year=2020).update(
        value=Decimal("34900")
    )
    KoladaValue.objects.filter(kpi_id="N01951", area_id="1463", gender="T", year=2022).update(
        value=Decimal("35400")
    )
    report = do_take_kolada_outcomes(ks_plan.body, acting_user=None, measures=[population])
    assert report.updated == 1
    assert _outcome(population, 2020).value == 34900
    assert _outcome(population, 2022).value == 35347  # typed, kept
    entry = AuditEntry.objects.filter(action="kolada_outcomes_taken").latest("pk")
    assert entry.changes["2020"] == ["34896", "34900"]


def test_a_locked_years_outcome_is_left_alone(ks_plan: Plan) -> None:
    population = _population(ks_plan)
    Plan.objects.create(
        body=ks_plan.body, year=2020, title="Nämndplan 2020", state=PlanState.LOCKED
    )
    KoladaValue.objects.filter(kpi_id="N01951", area_id="1463", gender="T", year=2020).update(
        value=Decimal("1")
    )
    report = do_take_kolada_outcomes(ks_plan.body, acting_user=None, measures=[population])
    assert report.locked == 1 and report.updated == 0
    assert _outcome(population, 2020).value == 34896


def test_an_official_chooses_koladas_number(ks_plan: Plan) -> None:
    population = _population(ks_plan)
    do_accept_kolada_outcome(population, plan=ks_plan, year=2022, acting_user=None)
    assert (_outcome(population, 2022).value, _outcome(population, 2022).source) == (
        Decimal("35329"), "kolada",
    )  # fmt: skip
    assert conflicts_of(population, ks_plan.body.municipality) == []
    with pytest.raises(ValueError, match="Kolada har inget värde"):
        do_accept_kolada_outcome(population, plan=ks_plan, year=2030, acting_user=None)


def test_loading_the_demo_again_keeps_the_kolada_values(ks_plan: Plan) -> None:
    before = set(IndicatorValue.objects.filter(source="kolada").values_list("pk", "value"))
    call_command("demo", stdout=StringIO())
    assert set(IndicatorValue.objects.filter(source="kolada").values_list("pk", "value")) == before


def test_an_import_on_the_command_line_passes_outcomes_on_and_names_differences(
    ks_plan: Plan,
) -> None:
    KoladaValue.objects.filter(kpi_id="N01951", area_id="1463", year=2020, gender="T").delete()
    IndicatorValue.objects.filter(
        indicator=_population(ks_plan), year=2020, kind="outcome"
    ).delete()
    out = StringIO()
    call_command("kolada", "import", *map(str, shipped_kolada_files()), stdout=out)
    text = out.getvalue()
    assert "Indikatorer och följetal kopplade till Kolada: 4; utfall 1 nya, 0 ändrade" in text
    assert "KS Befolkning 2022: inskrivet 35 347 står kvar, Kolada anger 35 329" in text
    assert _outcome(_population(ks_plan), 2020).value == 34896
