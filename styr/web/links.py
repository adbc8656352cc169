"""Where an object of a plan is shown on the web: the one address the search, the audit log
and other lists link it to (its part of the plan, at its anchor)."""

from django.urls import reverse

from styr.activities.models import Activity
from styr.assignments.models import Assignment
from styr.internal_control.models import Risk
from styr.plans.models import PlanText
from styr.steering.models import CommitteeGoal


def goal_url(goal: CommitteeGoal) -> str:
    return reverse("web:goals", args=[goal.plan_id]) + f"#g-{goal.pk}"


def assignment_url(assignment: Assignment) -> str:
    return reverse("web:assignments", args=[assignment.plan_id]) + f"#a-{assignment.pk}"


def activity_url(activity: Activity) -> str:
    return reverse("web:activities", args=[activity.plan_id]) + f"#aktivitet-{activity.pk}"


def risk_url(risk: Risk) -> str:
    return reverse("web:risks", args=[risk.category.plan_id]) + f"#r-{risk.pk}"


def text_url(text: PlanText) -> str:
    """A chapter text's own page; a report's texts are edited together on their page."""
    if text.occasion_id is None:
        return reverse("web:plan-text", args=[text.plan_id, text.key])
    return reverse("web:plan-texts", args=[text.plan_id])
