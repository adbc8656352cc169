"""What each portal page shows, built from the publication rule (styr.portal.published) only."""

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Q

from styr.assignments.models import Assignment, AssignmentFollowUp
from styr.core.language import in_reader_language
from styr.documents.models import DocumentVersion
from styr.documents.produce import documents_by_kind
from styr.indicators.assessment import Status, assess_indicator, assessable_years
from styr.indicators.models import Indicator, IndicatorValue, ValueKind
from styr.indicators.rollup import YEARS_BACK, add_reference_outcomes, assessed_year
from styr.indicators.vocabulary import vocabulary
from styr.organisation.models import Municipality
from styr.plans.models import Plan, ReportOccasion
from styr.portal.published import (
    decided_occasions,
    decided_years,
    latest_report,
    public_plans,
    public_value_rows,
    public_values,
    public_versions,
)
from styr.steering.models import CommitteeGoal, MunicipalPlan
from styr.web.overview import (
    Fetched,
    GoalRow,
    goal_rows,
    hand_assessments,
    indicators_by_goal,
)
from styr.web.views.budget import table_view


def municipalities() -> list[Municipality]:
    """The municipalities with something published, by name."""
    ids = public_plans().values_list("body__municipality", flat=True)
    return list(Municipality.objects.filter(pk__in=ids).order_by("name"))


@dataclass
class BodyPlans:
    name: str
    code: str
    plans: list[Plan]


def municipality_page(municipality: Municipality) -> dict[str, Any]:
    """The council's steering (vision, strategic areas and their goals) of the latest year any
    body has published a plan for, and each body's public plans, newest first."""
    plans = list(
        public_plans().filter(body__municipality=municipality).order_by("body__position", "-year")
    )
    bodies: dict[int, BodyPlans] = {}
    for plan in plans:
        plan.reports = [o for o in decided_occasions(plan) if not o.is_plan]  # type: ignore[attr-defined]
        bodies.setdefault(plan.body_id, BodyPlans(plan.body.name, plan.body.code, [])).plans.append(
            plan
        )
    years = sorted({p.year for p in plans})
    steering = (
        MunicipalPlan.objects.filter(municipality=municipality, year__in=years)
        .prefetch_related("strategic_areas__municipal_goals")
        .order_by("-year")
        .first()
    )
    return {"municipality": municipality, "bodies": list(bodies.values()), "steering": steering}


def documents_of(plan: Plan) -> list[DocumentVersion]:
    """The plan's public decided documents (public_versions). Of an occasion frozen in several
    templates, the one the municipality prints that kind of report with (Styrby's
    tertialrapport, not the shipped delårsrapport)."""
    versions = public_versions(plan.pk)
    chosen = documents_by_kind(plan.body.municipality_id)
    printed = {v.occasion_id for v in versions if v.template_key == chosen.get(v.occasion.kind)}
    return [
        v
        for v in versions
        if v.occasion_id not in printed or v.template_key == chosen.get(v.occasion.kind)
    ]


def _fetched(plan: Plan, goals: list[CommitteeGoal]) -> Fetched:
    """The overview's Fetched, with only what is public: public indicators, their public
    values, and the assessments of decided occasions (an internal analysis as none)."""
    ids = [g.pk for g in goals]
    decided = {o.pk for o in decided_occasions(plan)}
    assessed = hand_assessments(ids, occasions=decided, public=True)
    indicators_of = indicators_by_goal(ids, public=True)
    values = public_value_rows(
        [i.pk for linked in indicators_of.values() for i in linked],
        decided_years(plan.body),
        since=plan.year - YEARS_BACK,
        until=plan.year,
    )
    add_reference_outcomes(values)
    return Fetched(goals, indicators_of, values, assessed)


def _goals(plan: Plan, only: str | None = None) -> list[CommitteeGoal]:
    chosen = plan.goals.select_related("strategic_area", "municipal_goal", "prerequisite",
                                       "starting_point")  # fmt: skip
    if only is not None:
        chosen = chosen.filter(key=only)
    return list(chosen)


def public_goal_rows(plan: Plan, only: str | None = None) -> tuple[list[GoalRow], int]:
    """The plan's goals with their public status and the year it is assessed for."""
    fetched = _fetched(plan, _goals(plan, only))
    year = assessed_year(fetched.values, plan.year)
    return goal_rows(plan, year, fetched=fetched), year


@dataclass
class AssignmentRow:
    assignment: Assignment
    status: str
    comment: str
    status_key: str = ""


def assignment_rows(
    plan: Plan, occasions: list[ReportOccasion], *, public: bool, only: str | None = None
) -> list[AssignmentRow]:
    """The plan's assignments, each with its status and comment at the latest of `occasions`
    that reports it. `public`: only those not marked otherwise, an internal comment as none."""
    order = {o.pk: i for i, o in enumerate(occasions)}
    chosen = plan.assignments.filter(public=True) if public else plan.assignments.all()
    if only is not None:
        chosen = chosen.filter(key=only)
    assignments = list(chosen)
    latest: dict[int, tuple[int, str, str, str]] = {}
    for assignment_id, occasion_id, key, label, label_en, comment, internal in (
        AssignmentFollowUp.objects.filter(assignment__in=assignments, occasion__in=order)
        .filter(Q(status__isnull=False) | ~Q(comment=""))
        .values_list(
            "assignment_id",
            "occasion_id",
            "status__key",
            "status__label",
            "status__label_en",
            "comment",
            "internal",
        )  # fmt: skip
    ):
        rank = order[occasion_id]
        if assignment_id not in latest or latest[assignment_id][0] < rank:
            shown = in_reader_language(label, label_en or "") if label else ""
            said = "" if public and internal else comment
            latest[assignment_id] = (rank, shown, said, key or "")
    rows = []
    for assignment in assignments:
        _, status, comment, key = latest.get(assignment.pk, (0, "", "", ""))
        rows.append(AssignmentRow(assignment, status, comment, key))
    return rows


def public_assignments(plan: Plan, only: str | None = None) -> list[AssignmentRow]:
    """The plan's public assignments at the latest decided occasion that reports them."""
    return assignment_rows(plan, decided_occasions(plan), public=True, only=only)


def public_budget(plan: Plan) -> list[dict[str, Any]]:
    """The budget tables with the plan's decided columns and those of adopted reports."""
    decided = {o.pk for o in decided_occasions(plan)}
    tables = []
    for table in plan.budget_tables.select_related("plan").prefetch_related(
        "columns__occasion", "rows__cells"
    ):
        view = table_view(table)
        keep = [
            i
            for i, column in enumerate(view["columns"])
            if column.occasion_id is None or column.occasion_id in decided
        ]
        tables.append(
            {
                "table": table,
                "columns": [view["columns"][i] for i in keep],
                "rows": [{**row, "cells": [row["cells"][i] for i in keep]} for row in view["rows"]],
            }
        )
    return tables


def plan_page(plan: Plan) -> dict[str, Any]:
    rows, year = public_goal_rows(plan)
    assignments = public_assignments(plan)
    statuses: dict[str, int] = {}
    for row in assignments:
        statuses[row.status] = statuses.get(row.status, 0) + 1
    return {
        "plan": plan,
        "report": latest_report(plan),
        "occasions": decided_occasions(plan),
        "documents": documents_of(plan),
        "goals": rows,
        "year": year,
        "goal_counts": {s: sum(1 for r in rows if r.status == s) for s in Status},
        "assignments": assignments,
        "assignment_statuses": sorted(statuses.items(), key=lambda kv: -kv[1]),
        "budget": public_budget(plan),
        "words": vocabulary(plan.body.municipality_id),
    }


def indicator_page(indicator: Indicator) -> dict[str, Any]:
    """An indicator across every year a decision has shown, with its status in the latest
    public plan that uses it and the goals it measures."""
    years = decided_years(indicator.body)
    values: list[IndicatorValue] = public_values([indicator.pk], years).get(indicator.pk, [])
    goals = list(
        # One filter call: the link that names the indicator is the one published with the
        # goal's plan.
        CommitteeGoal.objects.filter(
            goalindicator__indicator=indicator,
            goalindicator__published=True,
            plan__in=public_plans(),
        )
        .select_related("plan__body__municipality")
        .order_by("-plan__year", "position")
    )
    latest_year = goals[0].plan.year if goals else max((v.year for v in values), default=0)
    year = max((y for y in assessable_years(values) if y <= latest_year), default=latest_year)
    tolerance = Decimal(indicator.body.municipality.target_tolerance)
    return {
        "indicator": indicator,
        "values": values,
        "status": assess_indicator(indicator, values, year, tolerance),
        "status_year": year,
        "goals": goals,
        "words": vocabulary(indicator.body.municipality_id),
        "kinds": ValueKind.choices,
    }
