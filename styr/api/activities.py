"""The API's activity follow-up: status, % complete and comment at a report occasion, as the
web's activity list reports them, with the same ETag/If-Match locking as writing.py."""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Router

from styr.access.permissions import report_scope
from styr.activities.actions import STATUS_SCALE, do_report_activity, report_version_parts
from styr.activities.models import Activity, ActivityFollowUp
from styr.api.auth import Caller, TokenAuth
from styr.api.schemas import WRITE_ERRORS, ActivityReportIn, ActivityReportOut
from styr.api.writing import etag, if_match, option, reporting
from styr.core.conflicts import version_of
from styr.plans.models import Plan, ReportOccasion

router = Router(tags=["rapportera"], auth=TokenAuth())

ACTIVITY = "/plans/{plan_id}/follow-up/{occasion}/activities/{activity_id}"


def _found(plan: Plan, occasion_key: str, activity_id: int) -> tuple[Activity, ReportOccasion]:
    activity = (
        plan.activities.select_related("goal__reporter", "assignment__reporter")
        .prefetch_related("units")
        .filter(pk=activity_id)
        .first()
    )
    # Activities are reported in the reports, never at the plan itself.
    occasion = next(
        (o for o in plan.occasions.all() if o.key == occasion_key and not o.is_plan), None
    )
    if activity is None or occasion is None:
        raise Http404(_("Aktiviteten eller rapporten finns inte i planen."))
    occasion.plan = plan
    return activity, occasion


def _out(activity: Activity, occasion: ReportOccasion) -> dict[str, Any]:
    follow_up: ActivityFollowUp | None = (
        activity.follow_ups.filter(occasion=occasion)
        .select_related("status")
        .prefetch_related("unit_comments")
        .first()
    )
    return {
        "activity": activity.pk, "occasion": occasion.key,
        "status": follow_up.status.key if follow_up and follow_up.status else None,
        "percent_complete": follow_up.percent_complete if follow_up else None,
        "comment": follow_up.comment if follow_up else "",
        "version": version_of(*report_version_parts(activity, follow_up)),
    }  # fmt: skip


@router.get(ACTIVITY, response={200: ActivityReportOut, **WRITE_ERRORS},
            summary="En aktivitets rapport")  # fmt: skip
def activity_report(
    request: HttpRequest, response: HttpResponse, plan_id: int, occasion: str, activity_id: int
) -> dict[str, Any]:
    """The activity's status, % complete and comment at the report, with its version as
    ETag."""
    caller: Caller = request.auth  # type: ignore[attr-defined]
    activity, at = _found(caller.plan(plan_id), occasion, activity_id)
    out = _out(activity, at)
    etag(response, out["version"])
    return out


@router.put(ACTIVITY, response={200: ActivityReportOut, **WRITE_ERRORS},
            summary="Rapportera en aktivitet")  # fmt: skip
def report_activity(
    request: HttpRequest,
    response: HttpResponse,
    plan_id: int,
    occasion: str,
    activity_id: int,
    data: ActivityReportIn,
) -> dict[str, Any]:
    """Report the activity's progress at the report (units' own comments stay as they are).
    Send the ETag you read in If-Match."""
    caller, plan = reporting(request, plan_id)
    activity, at = _found(plan, occasion, activity_id)
    assert caller.user is not None
    scope = report_scope(caller.user, plan.body)
    item = activity.goal or activity.assignment
    if not scope.everything and (item is None or not scope.covers(item)):
        raise PermissionDenied(_("Du rapporterar bara för det som tilldelats dig."))
    expect = if_match(request)
    do_report_activity(
        activity, at,
        status=option(plan.body.municipality_id, STATUS_SCALE, data.status),
        percent_complete=data.percent_complete, comment=data.comment,
        acting_user=caller.user, expect=expect,
    )  # fmt: skip
    out = _out(activity, at)
    etag(response, out["version"])
    return out
