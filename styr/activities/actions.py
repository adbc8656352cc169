"""Changes to activities: what is done to reach a goal or complete an assignment, and how far
it has come at each report occasion.

Activities are the administration's own operational work (verksamhetsplanering), not part of
the committee's decision: they are added and changed after the plan is adopted, until it is
locked. Their progress at a report occasion is follow-up, refused once that report is adopted.
"""

from datetime import date
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import transaction
from django.db.models import Max

from styr.activities.models import Activity, ActivityFollowUp
from styr.assignments.models import Assignment
from styr.audit.actions import record
from styr.core.keys import unique_key
from styr.core.text import clean_text
from styr.organisation.models import Unit
from styr.plans.actions import refuse_if_locked
from styr.plans.models import Plan, ReportOccasion
from styr.scales.models import ScaleOption
from styr.steering.models import CommitteeGoal

Actor = AbstractBaseUser | AnonymousUser | None
STATUS_SCALE = "activity-status"
TITLE_LIMIT = 500
COMMENT_LIMIT = 5000


class ActivityError(ValueError):
    """An activity or its progress that cannot be saved; the message says what and where."""


def units_of(plan: Plan) -> list[Unit]:
    """The units an activity of the plan can name as responsible: the body's administrations'."""
    return list(
        Unit.objects.filter(administration__body_id=plan.body_id).select_related("administration")
    )


def _plain(value: Any) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, Activity | CommitteeGoal | Assignment | Unit):
        return str(value)[:120]
    return str(value)


def do_save_activity(
    plan: Plan, activity: Activity | None, values: dict[str, Any], *, acting_user: Actor
) -> Activity:
    """Add an activity to the plan (activity None) or change one.

    `values`: title, goal, assignment, responsible_unit, start, end (absent fields keep their
    value). An activity belongs to at most one goal or assignment of the same plan."""
    refuse_if_locked(plan, "edit activity", acting_user, follow_up=True)
    title = clean_text(str(values.get("title", activity.title if activity else ""))).strip()
    if not title:
        raise ActivityError("Aktivitet: skriv vad som ska göras.")
    if len(title) > TITLE_LIMIT:
        raise ActivityError(f"Aktivitet: högst {TITLE_LIMIT} tecken ({len(title)} angivna).")
    fields = ("goal", "assignment", "responsible_unit", "start", "end")
    merged = {f: values[f] if f in values else getattr(activity, f, None) for f in fields}
    goal, assignment, unit = merged["goal"], merged["assignment"], merged["responsible_unit"]
    if goal is not None and goal.plan_id != plan.pk:
        raise ActivityError("Mål: välj ett av planens mål.")
    if assignment is not None and assignment.plan_id != plan.pk:
        raise ActivityError("Uppdrag: välj ett av planens uppdrag.")
    if goal is not None and assignment is not None:
        raise ActivityError("En aktivitet hör till ett mål eller ett uppdrag, inte båda.")
    if unit is not None and unit.pk not in {u.pk for u in units_of(plan)}:
        raise ActivityError("Ansvarig enhet: välj en enhet i nämndens förvaltning.")
    start, end = merged["start"], merged["end"]
    if isinstance(start, date) and isinstance(end, date) and end < start:
        raise ActivityError("Slut: slutdatum kan inte ligga före startdatum.")
    with transaction.atomic():
        if activity is None:
            # Two new activities of one title at once: the second waits and gets the next key.
            Plan.objects.select_for_update().filter(pk=plan.pk).first()
            existing = Activity.objects.filter(plan=plan)
            activity = Activity(
                plan=plan,
                key=unique_key(title, lambda k: existing.filter(key=k).exists()),
                position=(existing.aggregate(m=Max("position"))["m"] or 0) + 1,
            )
            before: dict[str, Any] = {}
        else:
            if activity.plan_id != plan.pk:
                raise ValueError(f"{activity} is not an activity of {plan}")
            activity = Activity.objects.select_for_update().get(pk=activity.pk)
            before = {"title": activity.title, **{f: getattr(activity, f) for f in fields}}
        activity.title = title
        for field, value in merged.items():
            setattr(activity, field, value)
        activity.save()
        after = {"title": title, **merged}
        record(
            "activity_changed" if before else "activity_created",
            acting_user=acting_user,
            obj=activity,
            changes={
                f: [_plain(before.get(f)), _plain(v)]
                for f, v in after.items()
                if _plain(before.get(f)) != _plain(v)
            },
        )
    return activity


def do_report_activity(
    activity: Activity,
    occasion: ReportOccasion,
    *,
    status: ScaleOption | None,
    percent_complete: int | None,
    comment: str,
    acting_user: Actor,
) -> ActivityFollowUp:
    """Record where an activity stands at a report occasion: status, % complete, comment."""
    if occasion.plan_id != activity.plan_id:
        raise ValueError(f"{occasion} is not an occasion of {activity.plan}")
    if percent_complete is not None and not 0 <= percent_complete <= 100:
        raise ActivityError(f"Färdiggrad: ange 0–100 procent ({percent_complete} angivet).")
    if len(comment) > COMMENT_LIMIT:
        raise ActivityError(f"Kommentar: högst {COMMENT_LIMIT} tecken ({len(comment)} angivna).")
    if status is not None and status.scale.key != STATUS_SCALE:
        raise ActivityError(f"Status: {status.label} är ingen status för aktiviteter.")
    refuse_if_locked(
        activity.plan, f"report activity {activity.key}", acting_user,
        follow_up=True, occasion=occasion,
    )  # fmt: skip
    with transaction.atomic():
        follow_up, _ = ActivityFollowUp.objects.select_for_update().get_or_create(
            activity=activity, occasion=occasion
        )
        before = [_plain(follow_up.status), follow_up.percent_complete, follow_up.comment]
        follow_up.status = status
        follow_up.percent_complete = percent_complete
        follow_up.comment = clean_text(comment).replace("\r\n", "\n").strip()
        follow_up.save()
        after = [_plain(status), percent_complete, follow_up.comment]
        if before != after:
            record(
                "activity_reported",
                acting_user=acting_user,
                obj=activity,
                changes={
                    "occasion": occasion.key,
                    "status": [before[0], after[0]],
                    "percent_complete": [before[1], after[1]],
                    "comment": [before[2] or None, after[2] or None],
                },
            )
    return follow_up
