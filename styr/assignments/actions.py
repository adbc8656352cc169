"""Reporting on assignments at a report occasion: status, fulfilment grade and comment."""

from typing import TYPE_CHECKING, Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import transaction
from django.db.models import Max

from styr.assignments.models import Assignment, AssignmentFollowUp
from styr.audit.actions import record
from styr.core.conflicts import Fingerprint, check_fingerprint, check_version
from styr.core.keys import unique_key
from styr.core.text import clean_text
from styr.plans.actions import refuse_if_locked
from styr.plans.models import ReportOccasion
from styr.scales.models import ScaleOption

if TYPE_CHECKING:
    from styr.plans.models import Plan

Actor = AbstractBaseUser | AnonymousUser | None


def _key(option: ScaleOption | None) -> str | None:
    return option.key if option is not None else None


def _label(option: ScaleOption | None) -> str | None:
    return option.label if option is not None else None


def do_report_assignment(
    assignment: Assignment,
    occasion: ReportOccasion,
    *,
    status: ScaleOption | None,
    grade: ScaleOption | None,
    comment: str,
    acting_user: Actor,
    expect: str | None = None,
    internal: bool | None = None,
) -> AssignmentFollowUp:
    """Record the assignment's status, grade and comment at the occasion, and whether the
    comment is internal (None keeps it as it is). With `expect`, the version the reporter's
    form showed (see version_of): a save over someone else's since is refused with
    StaleRecord."""
    if occasion.plan_id != assignment.plan_id:
        raise ValueError(f"{occasion} is not an occasion of {assignment.plan}")
    refuse_if_locked(
        assignment.plan,
        f"report {assignment.key}",
        acting_user,
        follow_up=True,
        occasion=occasion,
    )
    with transaction.atomic():
        follow_up, _ = AssignmentFollowUp.objects.select_for_update(of=("self",)).get_or_create(
            assignment=assignment, occasion=occasion
        )
        check_version(expect, *report_version_parts(follow_up))
        before = [_label(follow_up.status), _label(follow_up.grade), follow_up.comment,
                  follow_up.internal]  # fmt: skip
        follow_up.status = status
        follow_up.grade = grade
        follow_up.comment = comment.replace("\r\n", "\n").strip()
        if internal is not None:
            follow_up.internal = internal
        follow_up.save()
        after = [_label(status), _label(grade), follow_up.comment, follow_up.internal]
        if before != after:
            changes: dict[str, Any] = {
                "occasion": occasion.key,
                "status": [before[0], after[0]],
                "grade": [before[1], after[1]],
                "comment": [before[2], after[2]],
            }
            if before[3] != after[3]:
                changes["internal"] = [before[3], after[3]]
            record("assignment_reported", acting_user=acting_user, obj=assignment, changes=changes)
    return follow_up


def report_version_parts(follow_up: AssignmentFollowUp | None) -> tuple[object, ...]:
    """What a report form's version is taken of (see version_of): its status, grade and
    comment, and the internal mark when set. A follow-up that is not internal keeps the
    version it had before the mark existed, so forms opened before it still save."""
    if follow_up is None:
        return (None, None, "")
    parts = (_key(follow_up.status), _key(follow_up.grade), follow_up.comment)
    return (*parts, "intern") if follow_up.internal else parts


ASSIGNMENT_FIELDS = (
    "origin", "text", "start_date", "period_start", "period_end", "period_note",
    "extra_cost", "extra_cost_unit", "extra_cost_note", "public",
)  # fmt: skip
# What a new assignment has for a field its values leave out (otherwise None).
NEW_ASSIGNMENT_DEFAULTS: dict[str, Any] = {"public": True}


def _logged(value: Any) -> Any:
    # A yes/no stays a boolean, so the log reads it as ja/nej rather than True/False.
    return value if value is None or isinstance(value, bool) else str(value)


def do_save_assignment(
    plan: "Plan",
    assignment: Assignment | None,
    values: dict[str, Any],
    *,
    acting_user: Actor,
    expect: Fingerprint | None = None,
) -> Assignment:
    """Create an assignment in the plan (assignment None) or change one of its fields, among
    them whether residents are shown it (`public`)."""
    refuse_if_locked(plan, "edit assignment", acting_user)
    with transaction.atomic():
        if assignment is None:
            position = (plan.assignments.aggregate(m=Max("position"))["m"] or 0) + 1
            assignment = Assignment(
                plan=plan,
                key=unique_key(values["text"], lambda k: plan.assignments.filter(key=k).exists()),
                position=position,
            )
            before: dict[str, Any] = {}
            values = {**NEW_ASSIGNMENT_DEFAULTS, **values}
        else:
            if assignment.plan_id != plan.pk:
                raise ValueError(f"{assignment} is not an assignment of {plan}")
            assignment = Assignment.objects.select_for_update(of=("self",)).get(pk=assignment.pk)
            check_fingerprint(expect, assignment)
            before = {f: getattr(assignment, f) for f in ASSIGNMENT_FIELDS}
        # A field left out of `values` keeps its value (an import may set only some).
        fields = [f for f in ASSIGNMENT_FIELDS if f in values or not before]
        for field in fields:
            setattr(assignment, field, values.get(field))
        assignment.text = clean_text(assignment.text).strip()
        assignment.full_clean()
        assignment.save()
        changes = {
            f: [_logged(before.get(f)), _logged(values.get(f))]
            for f in fields
            if before.get(f) != values.get(f)
        }
        record(
            "assignment_created" if not before else "assignment_changed",
            acting_user=acting_user,
            obj=assignment,
            changes=changes,
        )
    return assignment
