"""What is reported at a report occasion, and what is not yet: the one definition that the
follow-up page's "not yet reported" filter, the activity list's "ej rapporterad" and the e-mail
reminders (styr.reminders) all use, so a reporter reminded of an item finds it under the filter.

The predicates take plain values, so the pages (which read follow-ups in bulk and set them on
their rows) and `unreported` below (which reads only what it needs) apply the same rule.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Model

from styr.plans.decided import why_refused
from styr.plans.models import OccasionKind, ReportOccasion


def goal_reported(fulfilment_key: str, analysis: str) -> bool:
    """A goal is reported once it is assessed at the occasion (its fulfilment chosen; the
    analysis goes with it)."""
    return bool(fulfilment_key or analysis)


def assignment_reported(status_id: int | None, comment: str) -> bool:
    """An assignment is reported once it has a status or a comment at the occasion."""
    return bool(status_id or comment)


def risk_reported(result: str) -> bool:
    """A risk is reported once its control's result is written at the occasion."""
    return bool(result)


def activity_reported(status_id: int | None) -> bool:
    """An activity is reported once it has a status at the occasion."""
    return status_id is not None


def indicator_due(kolada_kpi: str, occasion_kind: str) -> bool:
    """Whether a reporter enters the indicator's result for this kind of report. A Kolada
    indicator's outcome comes from Kolada (`styr kolada import`), so at the annual report, which
    judges the outcome only, it is nobody's to report; at an interim report its forecast is."""
    return not (kolada_kpi and occasion_kind == OccasionKind.ANNUAL)


def reporting_open(occasion: ReportOccasion) -> bool:
    """Whether follow-up can still be reported at the occasion: the same rule every route
    applies (styr.plans.decided.why_refused); a plan's own occasion has no follow-up."""
    if occasion.is_plan:
        return False
    return why_refused(occasion.plan, follow_up=True, occasion=occasion) is None


@dataclass
class Missing:
    """One item not yet reported at an occasion, and who reports it (an indicator is reported
    by the reporters of the goals it measures; an activity by its goal's or assignment's)."""

    kind: str  # "goal", "indicator", "assignment", "risk" or "activity"
    item: Model
    reporter_ids: set[int] = field(default_factory=set)


KINDS = ("goal", "indicator", "assignment", "risk", "activity")


def _ids(values: Iterable[int | None]) -> set[int]:
    return {v for v in values if v is not None}


def unreported(occasion: ReportOccasion) -> list[Missing]:
    """The plan's items not yet reported at the occasion, in the order of KINDS and each kind
    in the plan's order; in a fixed number of queries whatever the plan's size."""
    # Imported here: these apps' models import the plans app.
    from styr.activities.models import ActivityFollowUp
    from styr.assignments.models import AssignmentFollowUp
    from styr.indicators.assessment import result_kinds
    from styr.indicators.models import GoalIndicator, IndicatorValue
    from styr.internal_control.models import Risk, RiskFollowUp
    from styr.steering.models import GoalFollowUp

    plan = occasion.plan
    missing: list[Missing] = []

    # As the follow-up page reads them (styr.web.overview.goal_rows): an assessment is a
    # follow-up with a fulfilment.
    assessed = {
        goal_id
        for goal_id, key, analysis in GoalFollowUp.objects.filter(
            occasion=occasion, fulfilment__isnull=False
        ).values_list("goal_id", "fulfilment__key", "analysis")
        if goal_reported(key, analysis)
    }
    goals = list(
        plan.goals.select_related(
            "strategic_area", "municipal_goal", "prerequisite", "starting_point"
        ).order_by("position", "pk")
    )
    missing += [Missing("goal", g, _ids([g.reporter_id])) for g in goals if g.pk not in assessed]

    kinds = result_kinds(occasion.kind)
    links = list(
        GoalIndicator.objects.filter(goal__plan=plan)
        .select_related("indicator", "goal")
        .order_by("goal__position", "goal_id", "position")
    )
    with_result = set(
        IndicatorValue.objects.filter(
            indicator_id__in={link.indicator_id for link in links}, year=plan.year, kind__in=kinds
        ).values_list("indicator_id", flat=True)
    )
    indicators: dict[int, Missing] = {}
    for link in links:
        indicator = link.indicator
        if indicator.pk in with_result or not indicator_due(indicator.kolada_kpi, occasion.kind):
            continue
        entry = indicators.setdefault(indicator.pk, Missing("indicator", indicator))
        entry.reporter_ids |= _ids([link.goal.reporter_id])
    missing += indicators.values()

    done = {
        assignment_id
        for assignment_id, status_id, comment in AssignmentFollowUp.objects.filter(
            occasion=occasion
        ).values_list("assignment_id", "status_id", "comment")
        if assignment_reported(status_id, comment)
    }
    missing += [
        Missing("assignment", a, _ids([a.reporter_id]))
        for a in plan.assignments.order_by("position", "pk")
        if a.pk not in done
    ]

    results = {
        risk_id
        for risk_id, result in RiskFollowUp.objects.filter(occasion=occasion).values_list(
            "risk_id", "result"
        )
        if risk_reported(result)
    }
    missing += [
        Missing("risk", r, _ids([r.reporter_id]))
        for r in Risk.objects.for_plan(plan)
        .select_related("category")
        .order_by("category__position", "position", "pk")
        if r.pk not in results
    ]

    statuses = {
        activity_id
        for activity_id, status_id in ActivityFollowUp.objects.filter(
            occasion=occasion
        ).values_list("activity_id", "status_id")
        if activity_reported(status_id)
    }
    for activity in plan.activities.select_related("goal", "assignment").order_by("position", "pk"):
        if activity.pk in statuses:
            continue
        # As the activity list's "mina": the reporter of its goal, else of its assignment.
        item: Any = activity.goal or activity.assignment
        missing.append(
            Missing("activity", activity, _ids([item.reporter_id if item is not None else None]))
        )
    return missing
