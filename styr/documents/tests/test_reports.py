"""The interim and annual reports show, for their occasion, how the plan went."""

import re
from decimal import Decimal

import pytest

from styr.activities.models import Activity, ActivityFollowUp
from styr.assignments.models import Assignment, AssignmentFollowUp
from styr.documents.produce import DocumentError, document_for
from styr.documents.render import Format
from styr.documents.tests.helpers import pdf_text, rendered
from styr.finance.models import BudgetCell, BudgetColumn, ColumnKind
from styr.indicators.models import Indicator, IndicatorValue, ValueKind
from styr.internal_control.models import Risk, RiskFollowUp
from styr.plans.models import Plan, ReportOccasion
from styr.scales.models import Scale, ScaleOption
from styr.steering.models import GoalFollowUp

pytestmark = pytest.mark.django_db


def _option(scale: str, key: str) -> ScaleOption:
    return Scale.objects.current(scale).options.get(key=key)


def _occasion(plan: Plan, key: str) -> ReportOccasion:
    return plan.occasions.get(key=key)


def _html(plan: Plan, template: str) -> str:
    page = rendered(plan, template, Format.HTML).decode("utf-8")
    return " ".join(re.sub(r"<[^>]+>", " ", page).split())


@pytest.fixture
def followed_up(ks_plan: Plan) -> Plan:
    """The KS plan with results for 2024 at both report occasions."""
    interim, annual = _occasion(ks_plan, "delar"), _occasion(ks_plan, "arsrapport")
    housing = Indicator.objects.get(body=ks_plan.body, key="nya-bostader")  # target ≥ 96
    IndicatorValue.objects.create(indicator=housing, year=2024, kind=ValueKind.OUTCOME, value=81)
    ranking = Indicator.objects.get(body=ks_plan.body, key="naringslivsranking")  # target ≤ 3,5
    IndicatorValue.objects.create(
        indicator=ranking, year=2024, kind=ValueKind.INTERIM_OUTCOME, value=Decimal("3.4")
    )
    assignment = Assignment.objects.get(plan=ks_plan, key="p-huset-kinna")
    AssignmentFollowUp.objects.create(
        assignment=assignment, occasion=interim, status=_option("assignment-status", "ongoing"),
        comment="Förstudien redovisas i oktober.",
    )  # fmt: skip
    AssignmentFollowUp.objects.create(
        assignment=assignment, occasion=annual, status=_option("assignment-status", "closed"),
        grade=_option("fulfilment-grade", "largely"), comment="Redovisat för KS i november.",
    )  # fmt: skip
    goal = ks_plan.goals.get(key="basta-foretagskommun")
    GoalFollowUp.objects.create(
        goal=goal, occasion=annual, fulfilment=_option("goal-fulfilment", "partly_met"),
        analysis="Bostadsbyggandet bromsade in under året.",
    )  # fmt: skip
    activity = Activity.objects.create(plan=ks_plan, key="lotsning", title="Införa företagslots",
                                       goal=goal)  # fmt: skip
    ActivityFollowUp.objects.create(
        activity=activity, occasion=interim, status=_option("activity-status", "ongoing"),
        percent_complete=40,
    )  # fmt: skip
    risk = Risk.objects.for_plan(ks_plan).get(key="inkop-utanfor-ramavtal")
    RiskFollowUp.objects.create(risk=risk, occasion=interim, result="Stickprov: 2 av 40 avvek.")
    table = ks_plan.budget_tables.get(key="drift")
    outcome = BudgetColumn.objects.create(
        table=table, key="utfall-2024", kind=ColumnKind.OUTCOME, year=2024, position=9
    )
    for row_key, amount in [("intakter", "18.2"), ("personalkostnader", "-96.1")]:
        BudgetCell.objects.create(row=table.rows.get(key=row_key), column=outcome,
                                  amount=Decimal(amount))  # fmt: skip
    return ks_plan


def test_the_interim_report_marks_outcomes_against_targets(followed_up: Plan) -> None:
    text = _html(followed_up, "delarsrapport")
    assert "Delårsrapport 2024" in text
    # The interim outcome 3,4 meets the target ≤ 3,5 (lower is better).
    assert re.search(
        r"Sammanfattande omdömde svenskt näringslivs årliga ranking 3,4 ≤ 3,5 Uppnått", text
    )
    # A target with no outcome yet has no mark: nothing is guessed.
    assert not re.search(r"Antal nya bostäder i kommunen [^A-Z]*Uppnått", text)


def test_the_annual_report_marks_a_missed_target(followed_up: Plan) -> None:
    text = _html(followed_up, "arsrapport")
    # 2023 has a forecast but no outcome: its cell stays empty.
    assert "Antal nya bostäder i kommunen 81 ≥ 96 Ej uppnått" in text


def test_the_reports_show_assignment_status_and_comment_of_their_occasion(
    followed_up: Plan,
) -> None:
    interim = _html(followed_up, "delarsrapport")
    assert "Pågående Förstudien redovisas i oktober." in interim
    assert "Redovisat för KS i november." not in interim
    annual = _html(followed_up, "arsrapport")
    assert "Avslutad I hög grad Redovisat för KS i november." in annual


def test_the_annual_report_shows_the_goals_assessment(followed_up: Plan) -> None:
    text = _html(followed_up, "arsrapport")
    assert "Bedömd måluppfyllelse Delvis uppfyllt" in text
    assert "Bostadsbyggandet bromsade in under året." in text


def test_the_interim_report_shows_activities_and_internal_control(followed_up: Plan) -> None:
    text = pdf_text(rendered(followed_up, "delarsrapport", Format.PDF))
    assert re.search(r"Införa företagslots.*Pågående\s+40 %", text)
    assert "Stickprov: 2 av 40 avvek." in text


def test_the_annual_report_shows_budget_outcome_and_deviation(followed_up: Plan) -> None:
    text = _html(followed_up, "arsrapport")
    # Budget 2024 17,7 against outcome 18,2: 0,5 better; personnel −94,3 against −96,1.
    assert "Budget 2024 Utfall 2024 Avvikelse" in text
    assert "Intäkter 17,7 18,2 0,5" in text
    assert "Personalkostnader −94,3 −96,1 −1,8" in text


def test_a_report_for_an_occasion_of_another_kind_is_refused(ks_plan: Plan) -> None:
    with pytest.raises(DocumentError, match="'delar' is for the interim report"):
        document_for(ks_plan, "arsrapport", "delar")


def test_a_report_without_its_occasion_is_refused(ks_plan: Plan) -> None:
    ks_plan.occasions.filter(kind="annual").delete()
    with pytest.raises(DocumentError, match="no occasion for the annual report"):
        document_for(ks_plan, "arsrapport")
