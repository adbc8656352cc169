from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from styr.indicators.models import Indicator, IndicatorValue
from styr.planfiles.actions import do_import_plan_files
from styr.planfiles.check import Severity, check_plan
from styr.planfiles.tests.helpers import export_files
from styr.plans.models import Plan

pytestmark = pytest.mark.django_db


def test_it_generates_a_municipality_of_the_asked_size() -> None:
    out = StringIO()
    call_command("generate", bodies=3, goals=4, indicators=2, years=5, stdout=out)
    plans = Plan.objects.filter(body__municipality__key="syntetisk")
    assert plans.count() == 3
    indicators = Indicator.objects.filter(body__municipality__key="syntetisk")
    assert indicators.count() == 3 * 4 * 2
    # Five years of outcome or forecast, and targets for three years, per indicator.
    assert IndicatorValue.objects.filter(indicator__in=indicators).count() == 24 * (5 + 3)
    assert "24 indikatorer" in out.getvalue()


def test_it_replaces_the_previous_synthetic_municipality() -> None:
    call_command("generate", bodies=3, goals=2, indicators=1, years=2, stdout=StringIO())
    call_command("generate", bodies=2, goals=2, indicators=1, years=2, stdout=StringIO())
    assert Plan.objects.filter(body__municipality__key="syntetisk").count() == 2


def test_its_plans_are_consistent() -> None:
    call_command("generate", bodies=2, goals=3, indicators=2, years=3, stdout=StringIO())
    for plan in Plan.objects.filter(body__municipality__key="syntetisk"):
        assert [f for f in check_plan(plan) if f.severity != Severity.NOTICE] == []


def test_its_plans_survive_export_and_import(tmp_path: Path) -> None:
    call_command("generate", bodies=2, goals=2, indicators=2, years=3, stdout=StringIO())
    for plan in Plan.objects.filter(body__municipality__key="syntetisk"):
        folder = tmp_path / plan.body.code
        folder.mkdir()
        result = do_import_plan_files(list(export_files(plan, folder)), acting_user=None)
        assert not result.tally.changed(), result.tally.as_dict()


def test_it_scales_the_rest_of_each_plan_to_the_sample() -> None:
    call_command("generate", bodies=1, goals=1, indicators=1, years=2, scale=2, stdout=StringIO())
    plan = Plan.objects.get(body__municipality__key="syntetisk")
    # Twice the sample's 38 assignments, 9 risks and 16 digitalisation items.
    assert plan.assignments.count() == 76
    assert sum(c.risks.count() for c in plan.risk_categories.all()) == 18
    assert plan.digitalisation_items.count() == 32
