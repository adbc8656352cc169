"""Who reports what: the plan's goals, assignments and risks and their reporters (rapportörer)."""

from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import AbstractBaseUser
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from styr.access.actions import do_assign_reporters
from styr.access.permissions import access_plan, can_edit, reporters_of
from styr.core.models import ReportedItem
from styr.internal_control.models import Risk
from styr.plans.actions import PlanLocked
from styr.plans.models import Plan, PlanState


@dataclass
class Row:
    field: str  # the form field's name, e.g. "assignment-12"
    kind: str
    text: str
    item: ReportedItem


def _rows(plan: Plan) -> list[Row]:
    goals = plan.goals.select_related("municipal_goal", "reporter")
    assignments = plan.assignments.select_related("reporter")
    risks = Risk.objects.for_plan(plan).select_related("reporter")
    goal, assignment = pgettext("one goal", "Mål"), pgettext("one assignment", "Uppdrag")
    return [
        *(Row(f"goal-{g.pk}", goal, str(g), g) for g in goals),
        *(Row(f"assignment-{a.pk}", assignment, a.text, a) for a in assignments),
        *(Row(f"risk-{r.pk}", _("Risk"), r.description, r) for r in risks),
    ]


@login_required
def reporters_page(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = access_plan(request.user, plan_id, write=request.method == "POST")
    rows = _rows(plan)
    users = list(reporters_of(plan.body))
    errors: list[str] = []
    if request.method == "POST":
        by_id: dict[str, AbstractBaseUser] = {str(u.pk): u for u in users}
        choices: dict[ReportedItem, AbstractBaseUser | None] = {}
        for row in rows:
            if row.field not in request.POST:
                continue  # not on the form the user saw: leave it as it is
            chosen = request.POST[row.field]
            if chosen and chosen not in by_id:
                errors.append(
                    # Translators: e.g. "Mål ”Bästa skolan”: välj en rapportör i listan."
                    _("%(kind)s ”%(text)s”: välj en rapportör i listan.")
                    % {"kind": row.kind, "text": row.text[:60]}
                )
                continue
            choices[row.item] = by_id.get(chosen)
        if not errors:
            try:
                changed = do_assign_reporters(plan, choices, acting_user=request.user)
            except PlanLocked as exc:
                errors.append(str(exc))
            else:
                return redirect(f"{request.path}?sparade={changed}")
    context = {
        "plan": plan,
        "rows": rows,
        "users": users,
        "editable": can_edit(request.user, plan.body) and plan.state != PlanState.LOCKED,
        "errors": errors,
        "saved": request.GET.get("sparade"),
    }
    return render(request, "web/reporters.html", context, status=400 if errors else 200)
