"""The plan's assignments: edited in place, and new ones added."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from styr.access.permissions import access_plan, can_edit
from styr.assignments.actions import do_save_assignment
from styr.assignments.models import Origin
from styr.core.conflicts import StaleRecord
from styr.plans.actions import PlanLocked
from styr.scales.models import Scale
from styr.web.assignment_list import (
    NO_STATUS,
    Filters,
    annotate,
    assignment_rows,
    headings,
    occasion_positions,
)
from styr.web.forms import CONFLICT, AssignmentForm
from styr.web.views.editing import edit_response


@login_required
def assignments_page(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = access_plan(request.user, plan_id)
    editable = can_edit(request.user, plan.body) and not plan.is_frozen
    filters = Filters.from_query(request.GET)
    assignments, total = assignment_rows(plan, filters)
    statuses = Scale.objects.current("assignment-status", plan.body.municipality_id).options.all()
    return render(
        request,
        "web/assignments.html",
        {"plan": plan, "assignments": assignments, "total": total, "editable": editable,
         "new": AssignmentForm() if editable else None, "filters": filters,
         "headings": headings(filters), "origins": Origin.choices, "statuses": statuses,
         "no_status": NO_STATUS},
    )  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def save_assignment(request: HttpRequest, plan_id: int, assignment_id: int = 0) -> HttpResponse:
    plan = access_plan(request.user, plan_id, write=True)
    assignment = None
    if assignment_id:
        assignment = plan.assignments.filter(pk=assignment_id).first()
        if assignment is None:
            raise Http404(_("Uppdraget finns inte i planen."))
    if request.method == "GET":
        if assignment is None:
            return redirect("web:assignments", plan_id=plan.pk)
        context = {"plan": plan, "assignment": assignment,
                   "form": AssignmentForm(instance=assignment)}  # fmt: skip
        return edit_response(
            request, "web/assignment_page.html", context, button=_("Spara uppdraget"),
            swap=f"a-{assignment.pk}",
        )  # fmt: skip
    form = AssignmentForm(request.POST, instance=assignment)
    in_place = request.headers.get("HX-Request") == "true" and assignment is not None
    error = ""
    valid = form.is_valid()
    if valid:
        try:
            assignment = do_save_assignment(
                plan, assignment, form.cleaned_data, acting_user=request.user,
                expect=form.expectation(),
            )  # fmt: skip
        except StaleRecord as stale:
            # Saved by someone else between this form's check and its save: the same answer.
            form.rebase(stale.current)
            context = {"plan": plan, "form": form, "error": CONFLICT, "editable": True,
                       "assignment": annotate(stale.current, occasion_positions(plan))}  # fmt: skip
            template = "web/_assignment.html" if in_place else "web/assignment_page.html"
            return render(request, template, context, status=409)
        except PlanLocked as exc:
            error = str(exc)
        else:
            if not in_place:
                return redirect(f"{reverse('web:assignments', args=[plan.pk])}#a-{assignment.pk}")
    status = 200 if valid and not error else 400
    if assignment is not None:
        annotate(assignment, occasion_positions(plan))
    context = {"plan": plan, "assignment": assignment, "form": form, "error": error,
               "editable": True, "saved": status == 200}  # fmt: skip
    if in_place:
        # The card again: saved, or with the form and what is wrong in it.
        return render(request, "web/_assignment.html", context, status=status)
    return render(request, "web/assignment_page.html", context, status=status)
