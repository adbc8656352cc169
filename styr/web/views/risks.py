"""The plan's risk register: the matrix as a heat map, risks changed in place and added."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from styr.access.permissions import access_plan, can_edit
from styr.core.conflicts import StaleRecord
from styr.internal_control.actions import do_save_risk
from styr.internal_control.models import Risk
from styr.plans.actions import PlanLocked
from styr.web.forms import CONFLICT, RiskForm
from styr.web.overview import cached_plan_overview
from styr.web.views.editing import edit_response


@login_required
def risks_page(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = access_plan(request.user, plan_id)
    editable = can_edit(request.user, plan.body) and not plan.is_frozen
    risks = Risk.objects.for_plan(plan).select_related("category")
    return render(
        request,
        "web/risks.html",
        {
            "plan": plan, "risks": risks, "editable": editable,
            "new": RiskForm(plan=plan) if editable else None,
            "overview": cached_plan_overview(plan),
        },
    )  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def save_risk(request: HttpRequest, plan_id: int, risk_id: int = 0) -> HttpResponse:
    plan = access_plan(request.user, plan_id, write=True)
    risk = None
    if risk_id:
        risk = Risk.objects.for_plan(plan).filter(pk=risk_id).first()
        if risk is None:
            raise Http404("Risken finns inte i planen.")
    if request.method == "GET":
        if risk is None:
            return redirect("web:risks", plan_id=plan.pk)
        context = {"plan": plan, "risk": risk, "form": RiskForm(instance=risk, plan=plan)}
        return edit_response(request, "web/risk_page.html", context, button="Spara risken")
    form = RiskForm(request.POST, instance=risk, plan=plan)
    error = ""
    if form.is_valid():
        try:
            saved = do_save_risk(
                plan, risk, form.cleaned_data, acting_user=request.user,
                expect=form.expectation(),
            )  # fmt: skip
        except StaleRecord as stale:
            form.rebase(stale.current)
            context = {"plan": plan, "risk": stale.current, "form": form, "error": CONFLICT}
            return render(request, "web/risk_page.html", context, status=409)
        except PlanLocked as exc:
            error = str(exc)
        else:
            return redirect(f"{reverse('web:risks', args=[plan.pk])}#r-{saved.pk}")
    context = {"plan": plan, "risk": risk, "form": form, "error": error}
    return render(request, "web/risk_page.html", context, status=400)
