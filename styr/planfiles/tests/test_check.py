"""`styr check` names what is inconsistent in a plan, and nothing else."""

from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from styr.finance.models import BudgetCell
from styr.internal_control.models import Risk
from styr.planfiles.check import Severity, check_plan
from styr.plans.models import Plan

pytestmark = pytest.mark.django_db


def _serious(plan: Plan) -> list[str]:
    return [str(f) for f in check_plan(plan) if f.severity != Severity.NOTICE]


def test_it_names_the_three_anomalies_of_the_sample(ks_plan: Plan) -> None:
    findings = _serious(ks_plan)
    assert len(findings) == 3, findings
    (total,) = [f for f in findings if "Summa" in f]
    (absence,) = [f for f in findings if "Skolfrånvaro" in f]
    (handling,) = [f for f in findings if "Handläggningstider" in f]
    assert "Digitaliseringsplan - investering / Summa" in total
    assert "17 000 0000" in total and "17 000 000" in total
    assert absence.startswith("varning: Skolfrånvaro") and "≥ 19,4" in absence
    assert handling.startswith("varning: Handläggningstider") and "≥ 116" in handling


def test_it_notes_indicators_without_a_target_for_the_plan_year(ks_plan: Plan) -> None:
    notices = [f for f in check_plan(ks_plan) if f.severity == Severity.NOTICE]
    names = {f.where for f in notices}
    assert "Befolkning" in names
    # These two have targets for 2024 in the sample.
    assert "Antal nya bostäder i kommunen" not in names
    assert not any(n.startswith("Sammanfattande") for n in names)


def test_it_finds_a_stated_risk_score_that_is_not_probability_times_consequence(
    ks_plan: Plan,
) -> None:
    risk = Risk.objects.for_plan(ks_plan).filter(stated_score=20).first()
    assert risk is not None
    risk.consequence -= 1
    risk.save()
    findings = [f for f in _serious(ks_plan) if "riskvärde" in f]
    assert len(findings) == 1
    assert f"= {risk.score}" in findings[0]


def test_it_finds_a_stated_budget_total_that_differs_from_its_rows(ks_plan: Plan) -> None:
    cell = BudgetCell.objects.get(
        row__table__plan=ks_plan, row__label="Intäkter", column__key="budget-2024"
    )
    cell.amount += Decimal("1.0")
    cell.save()
    findings = [f for f in _serious(ks_plan) if "Nettokostnader" in f]
    assert len(findings) == 1
    assert "Budget 2024" in findings[0]
    assert "−205,6" in findings[0] and "−204,6" in findings[0]


def test_it_prints_a_finding_a_line_and_fails_on_anomalies(ks_plan: Plan) -> None:
    out, err = StringIO(), StringIO()
    with pytest.raises(SystemExit) as exited:
        call_command("check", body="KS", year=2024, stdout=out, stderr=err)
    assert exited.value.code == 1
    lines = out.getvalue().splitlines()
    assert len(lines) == len(check_plan(ks_plan))
    assert sum(1 for line in lines if not line.startswith("notering")) == 3


def test_it_says_which_body_does_not_exist(db: None) -> None:
    with pytest.raises(CommandError, match="ingen kommun har ett organ med koden ”XX”"):
        call_command("check", body="XX", year=2024)


def test_it_says_which_years_have_plans(db: None) -> None:
    with pytest.raises(CommandError, match=r"ingen plan för 2031 \(planer finns för: 2024\)"):
        call_command("check", body="KS", year=2031)
