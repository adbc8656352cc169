"""Assessing a committee goal at a report occasion, by hand and with a required analysis."""

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import transaction

from styr.audit.actions import record
from styr.plans.actions import refuse_if_locked
from styr.plans.models import ReportOccasion
from styr.scales.models import ScaleOption
from styr.steering.models import CommitteeGoal, GoalFollowUp

Actor = AbstractBaseUser | AnonymousUser | None


class AnalysisRequired(ValueError):
    pass


def do_assess_goal(
    goal: CommitteeGoal,
    occasion: ReportOccasion,
    *,
    fulfilment: ScaleOption | None,
    analysis: str,
    acting_user: Actor,
) -> GoalFollowUp:
    """Set (or, with None, withdraw) the goal's assessed fulfilment. A hand assessment
    overrides the status derived from the indicators, so it must say why."""
    if occasion.plan_id != goal.plan_id:
        raise ValueError(f"{occasion} is not an occasion of {goal.plan}")
    analysis = analysis.replace("\r\n", "\n").strip()
    if fulfilment is not None and not analysis:
        raise AnalysisRequired("Analys: skriv varför målet bedöms så (krävs vid bedömning).")
    refuse_if_locked(goal.plan, f"assess goal {goal.key}", acting_user, follow_up=True)
    with transaction.atomic():
        follow_up, _ = GoalFollowUp.objects.select_for_update().get_or_create(
            goal=goal, occasion=occasion
        )
        before = [follow_up.fulfilment.label if follow_up.fulfilment else None, follow_up.analysis]
        follow_up.fulfilment = fulfilment
        follow_up.analysis = analysis
        follow_up.save()
        after = [fulfilment.label if fulfilment else None, analysis]
        if before != after:
            record(
                "goal_assessed",
                acting_user=acting_user,
                obj=goal,
                changes={
                    "occasion": occasion.key,
                    "fulfilment": [before[0], after[0]],
                    "analysis": [before[1], after[1]],
                },
            )
    return follow_up
