"""The plan's risk register: the matrix as a heat map, risks changed in place and added."""

from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from styr.access.permissions import access_plan, can_edit
from styr.core.conflicts import StaleRecord
from styr.internal_control.actions import do_save_risk
from styr.internal_control.models import Risk
from styr.plans.actions import PlanLocked
from styr.web.forms import CONFLICT, RiskForm
from styr.web.overview import cached_plan_overview
from styr.web.views.editing import edit_response


@dataclass(frozen=True)
class RiskFilters:
    """The register narrowed (GET parameters, also set by clicking a cell of the matrix):
    `kategori`, `sannolikhet` and `vasentlighet` (a cell), `over=ja` (at or over the plan's
    threshold) and `q` (words in the risk or its control)."""

    category: int | None = None
    probability: int | None = None
    consequence: int | None = None
    over: bool = False
    text: str = ""

    @classmethod
    def from_query(cls, query: QueryDict) -> "RiskFilters":
        def number(name: str) -> int | None:
            value = query.get(name, "")
            return int(value) if value.isdigit() and len(value) < 9 else None

        return cls(number("kategori"), number("sannolikhet"), number("vasentlighet"),
                   query.get("over") == "ja", query.get("q", "").strip()[:200])  # fmt: skip

    @property
    def active(self) -> bool:
        return bool(self.category or self.probability or self.consequence or self.over
                    or self.text)  # fmt: skip

    def keeps(self, risk: Risk, threshold: int) -> bool:
        words = self.text.casefold().split()
        said = f"{risk.description} {risk.control_activity}".casefold()
        return (
            (self.category is None or risk.category_id == self.category)
            and (self.probability is None or risk.probability == self.probability)
            and (self.consequence is None or risk.consequence == self.consequence)
            and (not self.over or risk.score >= threshold)
            and all(w in said for w in words)
        )


@login_required
def risks_page(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = access_plan(request.user, plan_id)
    editable = can_edit(request.user, plan.body) and not plan.is_frozen
    overview = cached_plan_overview(plan)
    everything = list(Risk.objects.for_plan(plan).select_related("category"))
    chosen = RiskFilters.from_query(request.GET)
    risks = [r for r in everything if chosen.keeps(r, overview.threshold)]
    categories = sorted({(r.category.position, r.category_id, r.category.name) for r in everything})
    return render(
        request,
        "web/risks.html",
        {
            "plan": plan, "risks": risks, "total": len(everything), "editable": editable,
            "new": RiskForm(plan=plan) if editable else None, "overview": overview,
            "filters": chosen, "categories": [(pk, name) for _, pk, name in categories],
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
            raise Http404(_("Risken finns inte i planen."))
    if request.method == "GET":
        if risk is None:
            return redirect("web:risks", plan_id=plan.pk)
        context = {"plan": plan, "risk": risk, "form": RiskForm(instance=risk, plan=plan)}
        return edit_response(request, "web/risk_page.html", context, button=_("Spara risken"))
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
