"""The API's write endpoints: follow-up (outcomes, forecasts, goal assessments, assignment
statuses and comments), through the same domain actions, permission checks and workflow rules
as the web, with optimistic locking: read the item, send its ETag back in If-Match.

A write without If-Match is refused (428): an integration that overwrites what an official
typed meanwhile, without knowing, is what the locking is for.
"""

from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Router

from styr.access.permissions import report_scope, require_report
from styr.api.auth import Caller, TokenAuth
from styr.api.schemas import (
    WRITE_ERRORS,
    AssignmentReportIn,
    AssignmentReportOut,
    GoalAssessmentIn,
    GoalAssessmentOut,
    IndicatorValueIn,
    IndicatorValueOut,
)
from styr.assignments.actions import do_report_assignment, report_version_parts
from styr.assignments.models import AssignmentFollowUp
from styr.core.conflicts import Seen, seen_text, version_of
from styr.indicators.actions import do_set_indicator_value
from styr.indicators.models import Indicator, IndicatorValue, ValueKind
from styr.plans.models import Plan, ReportOccasion
from styr.scales.models import Scale, ScaleOption
from styr.steering.actions import assessment_version_parts, do_assess_goal
from styr.steering.models import GoalFollowUp

router = Router(tags=["rapportera"], auth=TokenAuth())

ERRORS = WRITE_ERRORS
# Follow-up, not what the plan decides: targets are set on the web or in plan files.
FOLLOW_UP_KINDS = (ValueKind.OUTCOME, ValueKind.INTERIM_OUTCOME, ValueKind.FORECAST)


class PreconditionRequired(Exception):
    """A change came without If-Match."""


class PreconditionFailed(Exception):
    """If-Match names a version that is no longer the stored one."""


def reporting(request: HttpRequest, plan_id: int) -> tuple[Caller, Plan]:
    """The plan, for a token that may write and whose official may report in it."""
    caller: Caller = request.auth  # type: ignore[attr-defined]
    assert caller.token is not None and caller.user is not None
    plan = caller.plan(plan_id)
    if not caller.token.may_write:
        raise PermissionDenied(_("API-nyckeln får bara läsa."))
    if not report_scope(caller.user, plan.body).anything:
        raise PermissionDenied(_("Du får läsa men inte rapportera i den här planen."))
    return caller, plan


def _occasion(plan: Plan, key: str) -> ReportOccasion:
    occasion = next((o for o in plan.occasions.all() if o.key == key), None)
    if occasion is None:
        raise Http404(_("Uppföljningstillfället finns inte."))
    occasion.plan = plan
    return occasion


def if_match(request: HttpRequest) -> str:
    raw = request.headers.get("If-Match", "").strip()
    if not raw:
        raise PreconditionRequired()
    # If-Match compares strongly (RFC 9110): a weak tag never matches, so it is refused as
    # stale rather than taken for the version.
    return "W/" + raw if raw.startswith("W/") else raw.strip('"')


def etag(response: HttpResponse, version: str) -> None:
    response["ETag"] = f'"{version}"'


def option(municipality_id: int, scale: str, key: str | None) -> ScaleOption | None:
    if not key:
        return None
    options = Scale.objects.current_options(municipality_id, scale).get(scale, [])
    option = next((o for o in options if o.key == key), None)
    if option is None:
        known = ", ".join(o.key for o in options)
        raise ValueError(
            _("%(key)s finns inte i skalan %(scale)s (%(known)s).")
            % {"key": repr(key), "scale": scale, "known": known}
        )
    return option


def _assessment(
    goal_id: int, occasion: ReportOccasion, follow_up: GoalFollowUp | None
) -> dict[str, Any]:
    key = follow_up.fulfilment.key if follow_up and follow_up.fulfilment else None
    analysis = follow_up.analysis if follow_up else ""
    internal = follow_up.internal if follow_up else False
    return {
        "goal": goal_id, "occasion": occasion.key, "fulfilment": key, "analysis": analysis,
        "internal": internal,
        "version": version_of(*assessment_version_parts(key, analysis, internal)),
    }  # fmt: skip


GOAL = "/plans/{plan_id}/follow-up/{occasion}/goals/{goal_id}"


@router.get(GOAL, response={200: GoalAssessmentOut, **ERRORS}, summary="Ett måls bedömning")
def goal_assessment(
    request: HttpRequest, response: HttpResponse, plan_id: int, occasion: str, goal_id: int
) -> dict[str, Any]:
    """The goal's assessment at the report occasion, with its version as ETag."""
    caller: Caller = request.auth  # type: ignore[attr-defined]
    plan = caller.plan(plan_id)
    at = _occasion(plan, occasion)
    goal = plan.goals.filter(pk=goal_id).first()
    if goal is None:
        raise Http404(_("Målet finns inte i planen."))
    follow_up = goal.follow_ups.filter(occasion=at).select_related("fulfilment").first()
    out = _assessment(goal.pk, at, follow_up)
    etag(response, out["version"])
    return out


@router.put(GOAL, response={200: GoalAssessmentOut, **ERRORS}, summary="Bedöm ett mål")
def assess_goal(
    request: HttpRequest,
    response: HttpResponse,
    plan_id: int,
    occasion: str,
    goal_id: int,
    data: GoalAssessmentIn,
) -> dict[str, Any]:
    """Set the goal's assessed fulfilment and analysis at the occasion (as the web's
    follow-up page does). Send the ETag you read in If-Match."""
    caller, plan = reporting(request, plan_id)
    at = _occasion(plan, occasion)
    goal = plan.goals.filter(pk=goal_id).first()
    if goal is None:
        raise Http404(_("Målet finns inte i planen."))
    assert caller.user is not None
    require_report(report_scope(caller.user, plan.body), goal)
    expect = if_match(request)
    follow_up = do_assess_goal(
        goal, at,
        fulfilment=option(plan.body.municipality_id, "goal-fulfilment", data.fulfilment),
        analysis=data.analysis, internal=data.internal, acting_user=caller.user, expect=expect,
    )  # fmt: skip
    out = _assessment(goal.pk, at, follow_up)
    etag(response, out["version"])
    return out


def _report(
    assignment_id: int, occasion: ReportOccasion, follow_up: AssignmentFollowUp | None
) -> dict[str, Any]:
    return {
        "assignment": assignment_id, "occasion": occasion.key,
        "status": follow_up.status.key if follow_up and follow_up.status else None,
        "grade": follow_up.grade.key if follow_up and follow_up.grade else None,
        "comment": follow_up.comment if follow_up else "",
        "internal": follow_up.internal if follow_up else False,
        "version": version_of(*report_version_parts(follow_up)),
    }  # fmt: skip


ASSIGNMENT = "/plans/{plan_id}/follow-up/{occasion}/assignments/{assignment_id}"


@router.get(
    ASSIGNMENT, response={200: AssignmentReportOut, **ERRORS}, summary="Ett uppdrags rapport"
)
def assignment_report(
    request: HttpRequest, response: HttpResponse, plan_id: int, occasion: str, assignment_id: int
) -> dict[str, Any]:
    """The assignment's status, grade and comment at the occasion, with its version as ETag."""
    caller: Caller = request.auth  # type: ignore[attr-defined]
    plan = caller.plan(plan_id)
    at = _occasion(plan, occasion)
    assignment = plan.assignments.filter(pk=assignment_id).first()
    if assignment is None:
        raise Http404(_("Uppdraget finns inte i planen."))
    follow_up = assignment.follow_ups.filter(occasion=at).select_related("status", "grade").first()
    out = _report(assignment.pk, at, follow_up)
    etag(response, out["version"])
    return out


@router.put(
    ASSIGNMENT, response={200: AssignmentReportOut, **ERRORS}, summary="Rapportera ett uppdrag"
)
def report_assignment(
    request: HttpRequest,
    response: HttpResponse,
    plan_id: int,
    occasion: str,
    assignment_id: int,
    data: AssignmentReportIn,
) -> dict[str, Any]:
    """Report the assignment's status (and in the annual report its grade) and comment at the
    occasion. Send the ETag you read in If-Match."""
    caller, plan = reporting(request, plan_id)
    at = _occasion(plan, occasion)
    assignment = plan.assignments.filter(pk=assignment_id).first()
    if assignment is None:
        raise Http404(_("Uppdraget finns inte i planen."))
    assert caller.user is not None
    require_report(report_scope(caller.user, plan.body), assignment)
    expect = if_match(request)
    municipality = plan.body.municipality_id
    follow_up = do_report_assignment(
        assignment, at,
        status=option(municipality, "assignment-status", data.status),
        grade=option(municipality, "fulfilment-grade", data.grade),
        comment=data.comment, internal=data.internal, acting_user=caller.user, expect=expect,
    )  # fmt: skip
    out = _report(assignment.pk, at, follow_up)
    etag(response, out["version"])
    return out


VALUE = "/plans/{plan_id}/indicators/{indicator_id}/values/{year}/{kind}"


def _value_target(
    caller: Caller, plan: Plan, indicator_id: int, year: int, kind: str
) -> tuple[Indicator, ValueKind]:
    indicator = Indicator.objects.filter(pk=indicator_id, body=plan.body).first()
    if indicator is None:
        raise Http404(_("Indikatorn hör inte till planens organ."))
    if kind not in FOLLOW_UP_KINDS:
        raise ValueError(
            _("Slag: ange outcome, interim_outcome eller forecast; mål sätts i planen.")
        )
    if not plan.year - 4 <= year <= plan.year + 2:
        raise ValueError(
            _("År: välj ett år mellan %(first)s och %(last)s.")
            % {"first": plan.year - 4, "last": plan.year + 2}
        )
    return indicator, ValueKind(kind)


def _value(indicator: Indicator, year: int, kind: str) -> tuple[dict[str, Any], Decimal | None]:
    """The value as the API shows it, and as stored (what a change must have begun from)."""
    stored = IndicatorValue.objects.filter(indicator=indicator, year=year, kind=kind).first()
    value = stored.value if stored is not None else None
    return {
        "indicator": indicator.pk, "year": year, "kind": kind,
        "value": float(value) if value is not None else None,
        "version": version_of(seen_text(value)),
    }, value  # fmt: skip


@router.get(VALUE, response={200: IndicatorValueOut, **ERRORS}, summary="Ett värde")
def indicator_value(
    request: HttpRequest, response: HttpResponse, plan_id: int, indicator_id: int, year: int,
    kind: str,
) -> dict[str, Any]:  # fmt: skip
    """One value of an indicator (outcome, interim_outcome or forecast), with its version as
    ETag."""
    caller: Caller = request.auth  # type: ignore[attr-defined]
    plan = caller.plan(plan_id)
    indicator, chosen = _value_target(caller, plan, indicator_id, year, kind)
    out, _stored = _value(indicator, year, chosen)
    etag(response, out["version"])
    return out


@router.put(VALUE, response={200: IndicatorValueOut, **ERRORS}, summary="Rapportera ett värde")
def set_indicator_value(
    request: HttpRequest, response: HttpResponse, plan_id: int, indicator_id: int, year: int,
    kind: str, data: IndicatorValueIn,
) -> dict[str, Any]:  # fmt: skip
    """Set (or with null remove) an outcome, interim outcome or forecast, as the indicator's
    page on the web does. Send the ETag you read in If-Match."""
    caller, plan = reporting(request, plan_id)
    indicator, chosen = _value_target(caller, plan, indicator_id, year, kind)
    assert caller.user is not None
    if not report_scope(caller.user, plan.body).covers_indicator(plan, indicator):
        raise PermissionDenied(_("Du rapporterar bara utfall för indikatorer som tilldelats dig."))
    expect = if_match(request)
    current, stored = _value(indicator, year, chosen)
    if current["version"] != expect:
        raise PreconditionFailed()
    value = None if data.value is None else Decimal(str(data.value))
    do_set_indicator_value(
        indicator, plan=plan, year=year, kind=chosen, value=value, acting_user=caller.user,
        seen=Seen(stored),
    )  # fmt: skip
    out, _stored = _value(indicator, year, chosen)
    etag(response, out["version"])
    return out
