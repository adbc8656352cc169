"""What a plan's decision covers: which object belongs to which plan, whether a change of it is
follow-up or a change of what was decided, and why a write is refused. One answer for every
route that writes outside the domain actions' own checks (plan files, the admin).

An adopted plan still takes follow-up of its open report occasions (outcomes, forecasts,
statuses, comments, activity progress, budget outcome); the plan's own follow-up (the statuses
and comments it prints) is closed with its adoption, and a report's once that report is
adopted; a locked plan takes nothing.
"""

from dataclasses import dataclass

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from styr.plans.models import OccasionKind, Plan, PlanState, PlanText, ReportOccasion

# Foreign keys that lead from an object towards its plan, tried in this order.
_TOWARDS_PLAN = ("plan", "goal", "assignment", "activity", "risk", "follow_up", "table", "row",
                 "column", "group", "category")  # fmt: skip


# The decided content callers name in `what`, as the refusal reads in the user's language (a
# caller that passes a translated name of its own gets it as given).
WHAT = {
    # Translators: "X är fastställd, och budgeten är en del av beslutet …" ("the budget").
    "budgeten": gettext_lazy("budgeten"),
    "målvärdet": gettext_lazy("målvärdet"),
    "risken": gettext_lazy("risken"),
    # Translators: "X är fastställd, och det är en del av beslutet …" ("it").
    "det": gettext_lazy("det"),
}


@dataclass(frozen=True)
class Refusal:
    """Why a write is refused, in the user's words, and the state that refuses it (for the
    audit entry of the attempt)."""

    message: str
    state: str


def why_refused(
    plan: Plan,
    *,
    follow_up: bool,
    occasion: ReportOccasion | None = None,
    what: str = "",
) -> Refusal | None:
    """The one rule every route applies: follow-up goes on after adoption until its report is
    adopted or the plan locked; what the plan decided changes only in a draft (or a revision).
    `what` names the decided content ("budgeten", "målvärdet") so the message says why."""
    if follow_up and occasion is not None and occasion.is_plan and plan.state == PlanState.ADOPTED:
        # The plan's own statuses and comments are printed in the plan and decided with it;
        # the year's follow-up goes on in its reports.
        return Refusal(
            _(
                "%(plan)s är fastställd (%(decided_on)s, %(minute)s); uppföljningen i planen är "
                "en del av beslutet och kan inte ändras. För in uppföljningen i årets rapporter "
                "(delårsrapport, årsrapport), eller revidera planen."
            )
            % {"plan": plan, "decided_on": plan.adopted_on, "minute": plan.adopted_minute},
            f"{occasion.key}: {plan.state}",
        )
    if (
        follow_up
        and occasion is not None
        and not occasion.is_plan
        and plan.state != PlanState.LOCKED
        and occasion.state == PlanState.ADOPTED
    ):
        decided_on, minute = occasion.decision
        return Refusal(
            _(
                "%(report)s är fastställd (%(decided_on)s, %(minute)s); uppföljningen i den är "
                "en del av beslutet och kan inte ändras. Revidera rapporten först om den ska "
                "ändras."
            )
            % {"report": occasion.name, "decided_on": decided_on, "minute": minute},
            f"{occasion.key}: {occasion.state}",
        )
    frozen = (PlanState.LOCKED,) if follow_up else (PlanState.ADOPTED, PlanState.LOCKED)
    if plan.state not in frozen:
        return None
    message = _("%(plan)s är %(state)s och kan inte ändras.") % {
        "plan": plan,
        "state": plan.get_state_display().lower(),
    }
    if what and plan.state == PlanState.ADOPTED:
        # Translators: %(what)s names what the plan decided, e.g. "budgeten" (the budget).
        message = _(
            "%(plan)s är fastställd, och %(what)s är en del av beslutet och kan inte ändras. "
            "Utfall, prognoser, status och kommentarer förs in per rapporttillfälle tills "
            "planen låses."
        ) % {"plan": plan, "what": WHAT.get(what, what)}
    return Refusal(message, plan.state)


def closing_occasion(plan: Plan) -> ReportOccasion | None:
    """The report that closes the plan's year (the annual report): once it is adopted, the
    year's outcomes and forecasts are part of that decision, on every route and for Kolada."""
    return plan.occasions.filter(kind=OccasionKind.ANNUAL).order_by("-date", "-pk").first()


def closed_years(body_id: int) -> set[int]:
    """The body's years whose outcomes are part of a decision: its plan is locked, or the
    annual report that closes the year (closing_occasion) is adopted. Kolada keeps them."""
    locked = Plan.objects.filter(body_id=body_id, state=PlanState.LOCKED)
    reported = Plan.objects.filter(
        body_id=body_id, occasions__kind=OccasionKind.ANNUAL, occasions__state=PlanState.ADOPTED
    )
    return set(locked.values_list("year", flat=True)) | set(reported.values_list("year", flat=True))


def _follow_up_models() -> tuple[type[models.Model], ...]:
    from styr.activities.models import ActivityFollowUp, ActivityUnitComment
    from styr.assignments.models import AssignmentFollowUp
    from styr.internal_control.models import RiskFollowUp
    from styr.steering.models import GoalFollowUp

    return (AssignmentFollowUp, GoalFollowUp, RiskFollowUp, ActivityFollowUp, ActivityUnitComment)


def plan_of(obj: models.Model) -> Plan | None:
    """The plan whose decision the object is part of, if any. A value of an indicator or a
    metric belongs to the body's plan of its year."""
    from styr.indicators.models import IndicatorValue, MetricValue

    if isinstance(obj, Plan):
        return obj
    if isinstance(obj, IndicatorValue):
        return Plan.objects.filter(body_id=obj.indicator.body_id, year=obj.year).first()
    if isinstance(obj, MetricValue):
        return Plan.objects.filter(body_id=obj.metric.body_id, year=obj.year).first()
    for name in _TOWARDS_PLAN:
        try:
            field = obj._meta.get_field(name)
        except FieldDoesNotExist:
            continue
        if field.many_to_one and getattr(obj, f"{name}_id", None) is not None:
            return plan_of(getattr(obj, name))
    return None


def is_follow_up(obj: models.Model) -> bool:
    """Whether a change of the object is follow-up rather than a change of the decision."""
    from styr.activities.models import Activity
    from styr.finance.models import BudgetCell, BudgetColumn
    from styr.indicators.models import IndicatorValue, MetricValue, ValueKind

    if isinstance(obj, _follow_up_models()):
        return True
    if isinstance(obj, Activity):
        return True  # the administration's own work, planned and changed through the year
    if isinstance(obj, IndicatorValue | MetricValue):
        return obj.kind != ValueKind.TARGET
    if isinstance(obj, BudgetCell):
        return obj.column.is_follow_up
    if isinstance(obj, BudgetColumn):
        return obj.is_follow_up
    if isinstance(obj, PlanText):
        return obj.occasion_id is not None  # a report's own text, written at its occasion
    return False


def occasion_of(obj: models.Model) -> ReportOccasion | None:
    """The report occasion whose follow-up the object is, if it belongs to one."""
    from styr.activities.models import ActivityUnitComment
    from styr.finance.models import BudgetCell, BudgetColumn
    from styr.indicators.models import IndicatorValue, MetricValue, ValueKind

    if isinstance(obj, IndicatorValue | MetricValue) and obj.kind != ValueKind.TARGET:
        plan = plan_of(obj)
        return closing_occasion(plan) if plan is not None else None
    if isinstance(obj, ActivityUnitComment):
        return obj.follow_up.occasion
    if isinstance(obj, _follow_up_models()):
        return obj.occasion  # type: ignore[attr-defined]
    if isinstance(obj, BudgetCell):
        return obj.column.occasion
    if isinstance(obj, BudgetColumn | PlanText):
        return obj.occasion
    return None


def refusal(obj: models.Model) -> str | None:
    """Why the object may not be changed or deleted now, in the user's words; None if it may."""
    plan = plan_of(obj)
    if plan is None:
        return None
    refused = why_refused(plan, follow_up=is_follow_up(obj), occasion=occasion_of(obj))
    return refused.message if refused is not None else None
