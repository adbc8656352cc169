"""Reporting on assignments at a report occasion: status, fulfilment grade and comment."""

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import transaction

from styr.assignments.models import Assignment, AssignmentFollowUp
from styr.audit.actions import record
from styr.plans.actions import refuse_if_locked
from styr.plans.models import ReportOccasion
from styr.scales.models import ScaleOption

Actor = AbstractBaseUser | AnonymousUser | None


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
) -> AssignmentFollowUp:
    if occasion.plan_id != assignment.plan_id:
        raise ValueError(f"{occasion} is not an occasion of {assignment.plan}")
    refuse_if_locked(assignment.plan, f"report {assignment.key}", acting_user, follow_up=True)
    with transaction.atomic():
        follow_up, _ = AssignmentFollowUp.objects.select_for_update().get_or_create(
            assignment=assignment, occasion=occasion
        )
        before = [_label(follow_up.status), _label(follow_up.grade), follow_up.comment]
        follow_up.status = status
        follow_up.grade = grade
        follow_up.comment = comment.replace("\r\n", "\n").strip()
        follow_up.save()
        after = [_label(status), _label(grade), follow_up.comment]
        if before != after:
            record(
                "assignment_reported",
                acting_user=acting_user,
                obj=assignment,
                changes={
                    "occasion": occasion.key,
                    "status": [before[0], after[0]],
                    "grade": [before[1], after[1]],
                    "comment": [before[2], after[2]],
                },
            )
    return follow_up
