"""Assessing a committee goal at a report occasion, by hand and with a required analysis."""

from typing import TYPE_CHECKING, Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from styr.audit.actions import record
from styr.core.conflicts import Fingerprint, check_fingerprint, check_version
from styr.core.keys import unique_key
from styr.core.text import clean_text
from styr.indicators.rollup import keep_current
from styr.plans.actions import refuse_if_locked
from styr.plans.models import ReportOccasion
from styr.scales.models import ScaleOption
from styr.steering.models import CommitteeGoal, GoalFollowUp

if TYPE_CHECKING:
    from styr.plans.models import Plan

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
    expect: str | None = None,
    internal: bool | None = None,
) -> GoalFollowUp:
    """Set (or, with None, withdraw) the goal's assessed fulfilment. A hand assessment
    overrides the status derived from the indicators, so it must say why. `internal` marks
    the analysis as not for residents (None keeps the mark as it is)."""
    if occasion.plan_id != goal.plan_id:
        raise ValueError(f"{occasion} is not an occasion of {goal.plan}")
    analysis = analysis.replace("\r\n", "\n").strip()
    if fulfilment is not None and not analysis:
        raise AnalysisRequired(_("Analys: skriv varför målet bedöms så (krävs vid bedömning)."))
    refuse_if_locked(
        goal.plan, f"assess goal {goal.key}", acting_user, follow_up=True, occasion=occasion
    )
    with transaction.atomic():
        follow_up, _created = GoalFollowUp.objects.select_for_update(of=("self",)).get_or_create(
            goal=goal, occasion=occasion
        )
        check_version(
            expect,
            *assessment_version_parts(
                follow_up.fulfilment.key if follow_up.fulfilment else None,
                follow_up.analysis,
                follow_up.internal,
            ),
        )
        before = [follow_up.fulfilment.label if follow_up.fulfilment else None, follow_up.analysis,
                  follow_up.internal]  # fmt: skip
        follow_up.fulfilment = fulfilment
        follow_up.analysis = analysis
        if internal is not None:
            follow_up.internal = internal
        follow_up.save()
        after = [fulfilment.label if fulfilment else None, analysis, follow_up.internal]
        if before != after:
            keep_current({goal.plan_id})
            changes: dict[str, Any] = {
                "occasion": occasion.key,
                "fulfilment": [before[0], after[0]],
                "analysis": [before[1], after[1]],
            }
            if before[2] != after[2]:
                changes["internal"] = [before[2], after[2]]
            record("goal_assessed", acting_user=acting_user, obj=goal, changes=changes)
    return follow_up


def assessment_version_parts(
    fulfilment_key: str | None, analysis: str, internal: bool
) -> tuple[object, ...]:
    """What an assessment form's version is taken of (see version_of). An assessment that is
    not internal keeps the version it had before the mark existed, so forms opened before it
    still save; a withdrawn one's mark does not count, as its form does not show it."""
    if internal and fulfilment_key:
        return (fulfilment_key, analysis, "intern")
    return (fulfilment_key, analysis)


GOAL_FIELDS = (
    "title", "description", "strategic_area", "municipal_goal", "prerequisite", "starting_point",
)  # fmt: skip


def do_save_goal(
    plan: "Plan",
    goal: CommitteeGoal | None,
    values: dict[str, Any],
    *,
    acting_user: Actor,
    expect: Fingerprint | None = None,
) -> CommitteeGoal:
    """Create a goal in the plan (goal None) or change its text and what it answers to."""
    refuse_if_locked(plan, "edit goal", acting_user)
    with transaction.atomic():
        if goal is None:
            key = unique_key(values["title"], lambda k: plan.goals.filter(key=k).exists())
            position = (plan.goals.aggregate(m=Max("position"))["m"] or 0) + 1
            goal = CommitteeGoal(plan=plan, key=key, position=position)
            before: dict[str, Any] = {}
        else:
            if goal.plan_id != plan.pk:
                raise ValueError(f"{goal} is not a goal of {plan}")
            goal = CommitteeGoal.objects.select_for_update(of=("self",)).get(pk=goal.pk)
            check_fingerprint(expect, goal)
            before = {f: getattr(goal, f) for f in GOAL_FIELDS}
        # A field left out of `values` keeps its value (an import may set only some).
        fields = [f for f in GOAL_FIELDS if f in values or not before]
        for field in fields:
            setattr(goal, field, values.get(field))
        goal.title = clean_text(goal.title).strip()
        goal.description = clean_text(goal.description).strip()
        goal.full_clean()
        goal.save()
        if not before:
            keep_current({plan.pk})  # one more goal to count
        record(
            "goal_created" if not before else "goal_changed",
            acting_user=acting_user,
            obj=goal,
            changes={
                f: [str(before.get(f) or ""), str(values.get(f) or "")]
                for f in fields
                if before.get(f) != values.get(f)
            },
        )
    return goal
