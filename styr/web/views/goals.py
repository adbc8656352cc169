"""The plan's goals: their text and links to the council's steering, and new indicators."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from styr.access.permissions import access_plan, can_edit
from styr.core.conflicts import StaleRecord
from styr.indicators.actions import do_add_indicator
from styr.plans.actions import PlanLocked
from styr.steering.actions import do_save_goal
from styr.web.forms import CONFLICT, GoalForm, IndicatorForm
from styr.web.views.editing import edit_response


@login_required
def goals_page(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = access_plan(request.user, plan_id)
    editable = can_edit(request.user, plan.body) and not plan.is_frozen
    goals = plan.goals.select_related(
        "strategic_area", "prerequisite", "starting_point"
    ).prefetch_related("goalindicator_set__indicator")
    return render(
        request,
        "web/goals.html",
        {"plan": plan, "goals": goals, "editable": editable,
         "new": GoalForm(plan=plan) if editable else None,
         # The indicator pages' common prefix, so the page does not reverse a URL a link.
         "indicator_base": reverse("web:indicator", args=[plan.pk, 1]).removesuffix("1/")},
    )  # fmt: skip


def _page_with_errors(request: HttpRequest, context: dict[str, object]) -> HttpResponse:
    return render(request, "web/goal_page.html", context, status=400)


@login_required
@require_http_methods(["GET", "POST"])
def save_goal(request: HttpRequest, plan_id: int, goal_id: int = 0) -> HttpResponse:
    plan = access_plan(request.user, plan_id, write=True)
    goal = None
    if goal_id:
        goal = plan.goals.filter(pk=goal_id).first()
        if goal is None:
            raise Http404(_("Målet finns inte i planen."))
    if request.method == "GET":
        if goal is None:
            return redirect("web:goals", plan_id=plan.pk)
        context = {"plan": plan, "goal": goal, "form": GoalForm(instance=goal, plan=plan)}
        return edit_response(request, "web/goal_page.html", context, button=_("Spara målet"))
    form = GoalForm(request.POST, instance=goal, plan=plan)
    error = ""
    if form.is_valid():
        try:
            goal = do_save_goal(
                plan, goal, form.cleaned_data, acting_user=request.user,
                expect=form.expectation(),
            )  # fmt: skip
        except StaleRecord as stale:
            form.rebase(stale.current)
            context = {"plan": plan, "goal": stale.current, "form": form, "error": CONFLICT}
            return render(request, "web/goal_page.html", context, status=409)
        except PlanLocked as exc:
            error = str(exc)
        else:
            return redirect(f"{reverse('web:goals', args=[plan.pk])}#g-{goal.pk}")
    return _page_with_errors(request, {"plan": plan, "goal": goal, "form": form, "error": error})


@login_required
@require_http_methods(["GET", "POST"])
def add_indicator(request: HttpRequest, plan_id: int, goal_id: int) -> HttpResponse:
    plan = access_plan(request.user, plan_id, write=True)
    goal = plan.goals.filter(pk=goal_id).first()
    if goal is None:
        raise Http404(_("Målet finns inte i planen."))
    if request.method == "GET":
        context = {"plan": plan, "goal": goal, "form": IndicatorForm(goal_id=goal.pk),
                   "indicator": True}  # fmt: skip
        return edit_response(
            request, "web/goal_page.html", context, button=_("Lägg till indikatorn")
        )
    form = IndicatorForm(request.POST, goal_id=goal.pk)
    error = ""
    if form.is_valid():
        try:
            indicator = do_add_indicator(goal, form.cleaned_data, acting_user=request.user)
        except PlanLocked as exc:
            error = str(exc)
        else:
            return redirect("web:indicator", plan_id=plan.pk, indicator_id=indicator.pk)
    return _page_with_errors(
        request, {"plan": plan, "goal": goal, "form": form, "error": error, "indicator": True}
    )
