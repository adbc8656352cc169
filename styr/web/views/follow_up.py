"""Follow-up at a report occasion: assignment statuses, goal assessments, control results."""

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from styr.access.permissions import access_plan, report_scope, require_report
from styr.assignments.actions import do_report_assignment
from styr.core.conflicts import StaleRecord
from styr.indicators.vocabulary import VOCABULARY_SCALES, vocabulary
from styr.internal_control.actions import do_record_control_result
from styr.internal_control.models import Risk
from styr.plans.actions import PlanLocked
from styr.plans.models import Plan, ReportOccasion
from styr.scales.models import Scale, ScaleOption
from styr.steering.actions import AnalysisRequired, do_assess_goal
from styr.web.follow_up_view import (
    Filters,
    assignment_reported,
    assignment_status,
    goal_reported,
    previous_goal_follow_ups,
    previous_occasion,
    risk_reported,
    tally,
)
from styr.web.overview import goal_rows


def _occasion(plan: Plan, key: str) -> ReportOccasion:
    occasion = next((o for o in plan.occasions.all() if o.key == key), None)
    if occasion is None:
        raise Http404(_("Uppföljningstillfället finns inte."))
    return occasion


def _option(options: list[ScaleOption], key: str) -> ScaleOption | None:
    """The posted option of a scale the page has read (see _context), or None for none."""
    if not key:
        return None
    option = next((o for o in options if o.key == key), None)
    if option is None:
        raise ValueError(_("%(key)s finns inte i skalan") % {"key": repr(key)})
    return option


def _internal(request: HttpRequest) -> bool:
    # The card always carries the checkbox, and a browser posts none that is unchecked.
    return bool(request.POST.get("internal"))


def _context(request: HttpRequest, plan: Plan, occasion: ReportOccasion) -> dict[str, Any]:
    scope = report_scope(request.user, plan.body)
    occasion.plan = plan
    # An adopted report, or the adopted plan's own occasion, is a decision: its follow-up is
    # read, not reported (styr.plans.decided.why_refused).
    decided = occasion.is_decided
    scales = Scale.objects.current_options(
        plan.body.municipality_id,
        "assignment-status", "fulfilment-grade", "goal-fulfilment", *VOCABULARY_SCALES,
    )  # fmt: skip
    return {
        "plan": plan,
        "occasion": occasion,
        "scope": scope,
        # Whether the page offers any form; each item says whether it is the user's to report.
        "can_report": scope.anything and plan.state != "locked" and not decided,
        "decided": decided,
        "statuses": scales.get("assignment-status", []),
        "grades": scales.get("fulfilment-grade", []),
        "fulfilments": scales.get("goal-fulfilment", []),
        "annual": occasion.kind == "annual",
        "words": vocabulary(plan.body.municipality_id, scales),
        # URL prefixes, so a page of many items does not reverse a URL per form and link.
        "fu_base": reverse("web:follow-up", args=[plan.pk, occasion.key]),
        "indicator_base": reverse("web:indicator", args=[plan.pk, 1]).removesuffix("1/"),
        # The report before this one, whose statuses are shown beside each item.
        "previous": previous_occasion(plan, occasion),
    }


@login_required
def follow_up_page(request: HttpRequest, plan_id: int, occasion_key: str) -> HttpResponse:
    plan = access_plan(request.user, plan_id)
    occasion = _occasion(plan, occasion_key)
    context = _context(request, plan, occasion)
    assignments = list(
        plan.assignments.select_related("reporter").prefetch_related(
            "follow_ups__status", "follow_ups__grade"
        )
    )
    scope = context["scope"]
    for assignment in assignments:
        assignment.current = next(  # type: ignore[attr-defined]
            (f for f in assignment.follow_ups.all() if f.occasion_id == occasion.pk), None
        )
        assignment.reportable = scope.covers(assignment)  # type: ignore[attr-defined]
    risks = list(
        Risk.objects.for_plan(plan)
        .select_related("category", "reporter")
        .prefetch_related("follow_ups")
    )
    for risk in risks:
        risk.current = next(  # type: ignore[attr-defined]
            (f.result for f in risk.follow_ups.all() if f.occasion_id == occasion.pk), ""
        )
        risk.reportable = scope.covers(risk)  # type: ignore[attr-defined]
    goals = goal_rows(plan, plan.year, occasion)
    for row in goals:
        row.reportable = scope.covers(row.goal)
    # The previous report's status beside each item: where it stood, and what changed.
    previous = context["previous"]
    before = previous_goal_follow_ups(plan, previous)
    for row in goals:
        row.previous = before.get(row.goal.pk)  # type: ignore[attr-defined]
    for assignment in assignments:
        assignment.previous = next(  # type: ignore[attr-defined]
            (f for f in assignment.follow_ups.all()
             if previous is not None and f.occasion_id == previous.pk), None,
        )  # fmt: skip
    for risk in risks:
        risk.previous = next(  # type: ignore[attr-defined]
            (f.result for f in risk.follow_ups.all()
             if previous is not None and f.occasion_id == previous.pk), "",
        )  # fmt: skip
    filters = Filters.from_query(request.GET, context["statuses"])
    user_id = request.user.pk
    # The labels are keys (the ids of the page's sections); the template words the tallies.
    tallies = [
        tally("mål", goals, reported=goal_reported, filters=filters, user_id=user_id),
        tally("uppdrag", assignments, reported=assignment_reported, filters=filters,
              user_id=user_id, status_of=assignment_status),
        tally("risker", risks, reported=risk_reported, filters=filters, user_id=user_id),
    ]  # fmt: skip
    context.update(
        goals=tallies[0].items,
        assignments=tallies[1].items,
        risks=tallies[2].items,
        tallies=tallies,
        filters=filters,
    )
    return render(request, "web/follow_up.html", context)


def _respond(
    request: HttpRequest, template: str, context: dict[str, Any], status: int = 200
) -> HttpResponse:
    if request.headers.get("HX-Request") == "true":
        return render(request, template, context, status=status)
    if status == 200:
        url = reverse("web:follow-up", args=[context["plan"].pk, context["occasion"].key])
        return redirect(url)
    return render(request, "web/follow_up_error.html", context, status=status)


def _reporting(
    request: HttpRequest, plan_id: int, occasion_key: str
) -> tuple[Plan, ReportOccasion, dict[str, Any]]:
    """The plan and occasion a report is posted to, for a user who may report in it."""
    plan = access_plan(request.user, plan_id, report=True)
    occasion = _occasion(plan, occasion_key)
    return plan, occasion, _context(request, plan, occasion)


@login_required
@require_POST
def report_assignment(
    request: HttpRequest, plan_id: int, occasion_key: str, assignment_id: int
) -> HttpResponse:
    plan, occasion, context = _reporting(request, plan_id, occasion_key)
    assignment = plan.assignments.filter(pk=assignment_id).first()
    if assignment is None:
        raise Http404(_("Uppdraget finns inte i planen."))
    require_report(context["scope"], assignment)
    assignment.reportable = True  # type: ignore[attr-defined]
    assignment.previous = (  # type: ignore[attr-defined]
        assignment.follow_ups.filter(occasion=context["previous"]).select_related("status").first()
        if context["previous"] is not None else None
    )  # fmt: skip
    try:
        assignment.current = do_report_assignment(  # type: ignore[attr-defined]
            assignment, occasion,
            status=_option(context["statuses"], request.POST.get("status", "")),
            grade=_option(context["grades"], request.POST.get("grade", "")),
            comment=request.POST.get("comment", ""), internal=_internal(request),
            acting_user=request.user, expect=request.POST.get("based_on"),
        )  # fmt: skip
    except StaleRecord:
        assignment.current = assignment.follow_ups.filter(occasion=occasion).first()  # type: ignore[attr-defined]
        typed = request.POST.get("comment", "").strip()
        context.update(assignment=assignment, error=" ".join([
            _("Någon annan har sparat uppföljningen medan du skrev; det sparade står nu i "
              "formuläret."),
            *([_("Din kommentar var: ”%(typed)s”.") % {"typed": typed[:500]}] if typed else []),
            _("Spara igen för att ersätta det."),
        ]))  # fmt: skip
        return _respond(request, "web/_fu_assignment.html", context, status=409)
    except (ValueError, PlanLocked) as exc:
        # The comment stays in the form, to be saved once the choice is mended.
        context.update(assignment=assignment, error=str(exc), draft=request.POST.get("comment", ""),
                       draft_internal=_internal(request))  # fmt: skip
        return _respond(request, "web/_fu_assignment.html", context, status=400)
    context.update(assignment=assignment, saved=True)
    return _respond(request, "web/_fu_assignment.html", context)


@login_required
@require_POST
def assess_goal(
    request: HttpRequest, plan_id: int, occasion_key: str, goal_id: int
) -> HttpResponse:
    plan, occasion, context = _reporting(request, plan_id, occasion_key)
    goal = plan.goals.filter(pk=goal_id).first()
    if goal is None:
        raise Http404(_("Målet finns inte i planen."))
    require_report(context["scope"], goal)
    error, stale = "", False
    try:
        do_assess_goal(
            goal, occasion,
            fulfilment=_option(context["fulfilments"], request.POST.get("fulfilment", "")),
            analysis=request.POST.get("analysis", ""), internal=_internal(request),
            acting_user=request.user, expect=request.POST.get("based_on"),
        )  # fmt: skip
    except StaleRecord:
        error = _(
            "Någon annan har sparat bedömningen medan du skrev. Din analys står kvar i "
            "fältet; den sparade syns när du laddar om sidan. Spara igen för att ersätta den."
        )
        stale = True
    except (AnalysisRequired, ValueError, PlanLocked) as exc:
        error = str(exc)
    (row,) = goal_rows(plan, plan.year, occasion, only=goal)
    row.reportable = True
    row.previous = previous_goal_follow_ups(plan, context["previous"]).get(goal.pk)  # type: ignore[attr-defined]
    context.update(row=row, error=error, saved=not error, draft=request.POST.get("analysis", ""),
                   draft_internal=_internal(request))  # fmt: skip
    status = 409 if stale else 400 if error else 200
    return _respond(request, "web/_fu_goal.html", context, status=status)


@login_required
@require_POST
def record_control(
    request: HttpRequest, plan_id: int, occasion_key: str, risk_id: int
) -> HttpResponse:
    plan, occasion, context = _reporting(request, plan_id, occasion_key)
    risk = Risk.objects.for_plan(plan).filter(pk=risk_id).select_related("category__plan").first()
    if risk is None:
        raise Http404(_("Risken finns inte i planen."))
    require_report(context["scope"], risk)
    risk.reportable = True  # type: ignore[attr-defined]
    earlier = (
        risk.follow_ups.filter(occasion=context["previous"]).first()
        if context["previous"] is not None else None
    )  # fmt: skip
    risk.previous = earlier.result if earlier is not None else ""  # type: ignore[attr-defined]
    try:
        follow_up = do_record_control_result(
            risk, occasion, result=request.POST.get("result", ""), acting_user=request.user,
            expect=request.POST.get("based_on"),
        )  # fmt: skip
    except StaleRecord:
        stored = risk.follow_ups.filter(occasion=occasion).first()
        risk.current = stored.result if stored else ""  # type: ignore[attr-defined]
        typed = request.POST.get("result", "").strip()
        context.update(risk=risk, error=" ".join([
            _("Någon annan har sparat resultatet medan du skrev; det sparade står nu i fältet."),
            *([_("Ditt resultat var: ”%(typed)s”.") % {"typed": typed[:500]}] if typed else []),
            _("Spara igen för att ersätta det."),
        ]))  # fmt: skip
        return _respond(request, "web/_fu_risk.html", context, status=409)
    except PlanLocked as exc:
        context.update(risk=risk, error=str(exc))
        return _respond(request, "web/_fu_risk.html", context, status=403)
    risk.current = follow_up.result  # type: ignore[attr-defined]
    context.update(risk=risk, saved=True)
    return _respond(request, "web/_fu_risk.html", context)
