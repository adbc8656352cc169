"""The API's read endpoints: without a token what the open portal shows, with one what its
official may see in the token's bodies. Lists are paged and filtered."""

from typing import Any

from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema
from ninja.pagination import PageNumberPagination, paginate

from styr.api.auth import Caller
from styr.api.schemas import READ_ERRORS, AssignmentOut, GoalOut, IndicatorOut, PlanOut
from styr.indicators.models import Indicator, IndicatorValue
from styr.indicators.vocabulary import vocabulary
from styr.plans.models import Plan
from styr.portal.pages import assignment_rows, public_goal_rows
from styr.portal.published import decided_occasions, decided_years, public_values
from styr.web.overview import GoalRow, cached_plan_overview

router = Router(tags=["läsa"])
# A token is optional here: the schema says so (an empty requirement), so clients and
# generated tests know a call without one is answered, with what is published.
OPTIONAL_TOKEN: dict[str, Any] = {"security": [{"TokenOrAnonymous": []}, {}]}


class PlanFilter(Schema):
    municipality: str | None = None
    body: str | None = None
    year: int | None = None
    state: str | None = None


def _caller(request: HttpRequest) -> Caller:
    caller = request.auth  # type: ignore[attr-defined]
    assert isinstance(caller, Caller)
    return caller


def _plan_out(plan: Plan, *, public: bool) -> dict[str, Any]:
    """The plan; `public`: with the decided occasions only, as the portal shows them."""
    occasions = decided_occasions(plan) if public else list(plan.occasions.all())
    return {
        "id": plan.pk,
        "municipality": plan.body.municipality.key,
        "body": plan.body.code,
        "body_name": plan.body.name,
        "year": plan.year,
        "title": plan.title,
        "state": plan.state,
        "adopted_on": plan.adopted_on,
        "adopted_minute": plan.adopted_minute,
        "occasions": [
            {
                "key": o.key,
                "kind": o.kind,
                "name": o.name,
                "state": o.workflow_state,
                "adopted_on": o.decision[0],
                "adopted_minute": o.decision[1],
            }  # fmt: skip
            for o in occasions
        ],
    }


@router.get(
    "/plans",
    response={200: list[PlanOut], **READ_ERRORS},
    summary="Planer",
    openapi_extra=OPTIONAL_TOKEN,
)
@paginate(PageNumberPagination, page_size=50)
def plans(request: HttpRequest, filters: Query[PlanFilter]) -> list[dict[str, Any]]:
    """The plans the caller reads, newest year first; filter by municipality key, body code,
    year and state."""
    chosen: QuerySet[Plan] = _caller(request).plans()
    if filters.municipality:
        chosen = chosen.filter(body__municipality__key=filters.municipality)
    if filters.body:
        chosen = chosen.filter(body__code=filters.body)
    if filters.year is not None:
        chosen = chosen.filter(year=filters.year)
    if filters.state:
        chosen = chosen.filter(state=filters.state)
    public = _caller(request).token is None
    return [_plan_out(p, public=public) for p in chosen.order_by("-year", "body__position", "pk")]


@router.get(
    "/plans/{plan_id}",
    response={200: PlanOut, **READ_ERRORS},
    summary="En plan",
    openapi_extra=OPTIONAL_TOKEN,
)
def plan(request: HttpRequest, plan_id: int) -> dict[str, Any]:
    caller = _caller(request)
    return _plan_out(caller.plan(plan_id), public=caller.token is None)


def _goal_out(row: GoalRow, words: dict[str, dict[str, str]]) -> dict[str, Any]:
    return {
        "id": row.goal.pk,
        "key": row.goal.key,
        "title": row.goal.title,
        "contributes_to": row.answers_to,
        "status": row.status.value,
        "status_label": words["goal"].get(row.status.value, ""),
        "assessed_by_hand": row.assessed_by_hand,
        "analysis": row.analysis,
        "indicators": [
            {
                "id": i.indicator.pk,
                "key": i.indicator.key,
                "name": i.indicator.name,
                "unit": i.indicator.unit,
                "result": float(i.assessment.result.value) if i.assessment.result else None,
                "target": i.target_text,
                "status": i.assessment.status.value,
            }  # fmt: skip
            for i in row.indicators
        ],
    }


@router.get(
    "/plans/{plan_id}/goals",
    response={200: list[GoalOut], **READ_ERRORS},
    summary="Planens mål",
    openapi_extra=OPTIONAL_TOKEN,
)
def goals(request: HttpRequest, plan_id: int, status: str | None = None) -> list[dict[str, Any]]:
    """The plan's goals with their status: without a token as published (decided follow-up
    only, no internal analysis), with one as in Styr. Filter by status (met, near, not_met,
    no_data)."""
    caller = _caller(request)
    found = caller.plan(plan_id)
    if caller.token is None:
        rows, _year = public_goal_rows(found)
    else:
        rows = cached_plan_overview(found).goals
    words = vocabulary(found.body.municipality_id)
    return [_goal_out(r, words) for r in rows if status is None or r.status.value == status]


@router.get(
    "/plans/{plan_id}/assignments",
    response={200: list[AssignmentOut], **READ_ERRORS},
    summary="Planens uppdrag",
    openapi_extra=OPTIONAL_TOKEN,
)
def assignments(
    request: HttpRequest, plan_id: int, status: str | None = None
) -> list[dict[str, Any]]:
    """The plan's assignments with the status of the latest report that gives one (without a
    token: of the latest adopted one). Filter by the status option's key."""
    caller = _caller(request)
    found = caller.plan(plan_id)
    public = caller.token is None
    occasions = decided_occasions(found) if public else list(found.occasions.all())
    rows = assignment_rows(found, occasions, public=public)
    return [
        {
            "id": r.assignment.pk,
            "key": r.assignment.key,
            "text": r.assignment.text,
            "origin": r.assignment.origin,
            "origin_label": r.assignment.get_origin_display(),
            "start_date": r.assignment.start_date,
            "status": r.status_key,
            "status_label": r.status,
            "comment": r.comment,
        }  # fmt: skip
        for r in rows
        if status is None or r.status_key == status
    ]


@router.get(
    "/indicators/{indicator_id}",
    response={200: IndicatorOut, **READ_ERRORS},
    summary="En indikator med värden",
    openapi_extra=OPTIONAL_TOKEN,
)
def indicator(request: HttpRequest, indicator_id: int) -> dict[str, Any]:
    """An indicator and its values by year: without a token the published ones (targets,
    Kolada's, and outcomes and forecasts a decision has shown), with one all of them."""
    caller = _caller(request)
    bodies = caller.plans().values("body")
    found = (
        Indicator.objects.filter(pk=indicator_id, body__in=bodies).select_related("body").first()
    )
    if found is None or (caller.token is None and not _published(found)):
        raise Http404(_("Indikatorn finns inte eller så når du den inte."))
    values: list[IndicatorValue] = (
        public_values([found.pk], decided_years(found.body)).get(found.pk, [])
        if caller.token is None
        else list(found.values.order_by("year", "kind"))
    )
    return {
        "id": found.pk, "key": found.key, "name": found.name, "unit": found.unit,
        "decimals": found.decimals, "polarity": found.polarity, "kolada_kpi": found.kolada_kpi,
        "values": [
            {"year": v.year, "kind": v.kind, "value": float(v.value), "comparator": v.comparator}
            for v in values
        ],
    }  # fmt: skip


def _published(indicator: Indicator) -> bool:
    from styr.portal.published import public_indicators

    return public_indicators(indicator.body).filter(pk=indicator.pk).exists()
