"""The plan's activities: what is done for each goal and assignment, and how far it has come
at a report occasion; filtered by status, grouped under their goal or assignment."""

import re
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from django.views.decorators.http import require_POST

from styr.access.permissions import access_plan, can_edit, report_scope
from styr.activities.actions import (
    EDITED_FIELDS,
    STATUS_SCALE,
    ActivityError,
    do_report_activity,
    do_save_activity,
    units_of,
)
from styr.activities.models import Activity
from styr.assignments.models import Assignment
from styr.core.conflicts import Fingerprint, StaleRecord, fingerprint_of
from styr.documents.sections.goals import goal_name
from styr.organisation.models import Unit
from styr.plans.actions import PlanLocked
from styr.plans.models import Plan, PlanState, ReportOccasion
from styr.scales.models import Scale, ScaleOption
from styr.steering.models import CommitteeGoal
from styr.web.activity_list import NOT_REPORTED, Filters, activity_listing, headings
from styr.web.forms import CONFLICT


def _statuses(plan: Plan) -> list[ScaleOption]:
    try:
        return list(Scale.objects.current(STATUS_SCALE, plan.body.municipality_id).options.all())
    except Scale.DoesNotExist:
        return []


def _occasion(plan: Plan, key: str) -> ReportOccasion | None:
    occasions = [o for o in plan.occasions.all() if not o.is_plan]
    for occasion in occasions:
        occasion.plan = plan
    if key:
        found = next((o for o in occasions if o.key == key), None)
        if found is None:
            raise Http404(_("Rapporten finns inte i planen."))
        return found
    # The first report not yet decided: where follow-up is being entered now.
    return next((o for o in occasions if not o.is_decided), occasions[-1] if occasions else None)


@dataclass
class Choices:
    """What an activity can belong to and who can be responsible, read once per page."""

    goals: list[CommitteeGoal]
    assignments: list[Assignment]
    units: list[Unit]

    @classmethod
    def of(cls, plan: Plan) -> "Choices":
        return cls(
            list(plan.goals.select_related("strategic_area", "prerequisite", "starting_point")),
            list(plan.assignments.all()),
            units_of(plan),
        )


class ActivityForm(forms.Form):
    title = forms.CharField(label=gettext_lazy("Aktivitet"), max_length=500)
    under = forms.ChoiceField(label=gettext_lazy("Hör till"), required=False)
    responsible_unit = forms.ChoiceField(label=gettext_lazy("Ansvarig enhet"), required=False)
    units = forms.MultipleChoiceField(
        label=gettext_lazy("Medverkande enheter"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=gettext_lazy(
            "Enheter som gör aktiviteten tillsammans med den ansvariga; var och en "
            "lämnar en egen kommentar i rapporterna."
        ),
    )
    start = forms.DateField(
        label=pgettext_lazy("date", "Start"),
        required=False,
        widget=forms.DateInput({"type": "date"}),
    )
    based_on = forms.CharField(widget=forms.HiddenInput, required=False)
    end = forms.DateField(
        label=gettext_lazy("Slut"), required=False, widget=forms.DateInput({"type": "date"})
    )

    def __init__(self, choices: Choices, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.choices = choices
        under: list[tuple[str, str]] = [("", _("Inget mål eller uppdrag"))]
        under += [
            (f"goal-{g.pk}", _("Mål: %(goal)s") % {"goal": goal_name(g)}) for g in choices.goals
        ]
        under += [
            (f"assignment-{a.pk}", _("Uppdrag: %(assignment)s") % {"assignment": a.text[:90]})
            for a in choices.assignments
        ]
        self.fields["under"].choices = under  # type: ignore[attr-defined]
        units = [("", _("Ingen angiven"))] + [(str(u.pk), u.name) for u in choices.units]
        self.fields["responsible_unit"].choices = units  # type: ignore[attr-defined]
        self.fields["units"].choices = units[1:]  # type: ignore[attr-defined]

    def values(self) -> dict[str, Any]:
        data = self.cleaned_data
        kind, _, pk = str(data.get("under") or "").partition("-")
        goal = next((g for g in self.choices.goals if str(g.pk) == pk), None)
        assignment = next((a for a in self.choices.assignments if str(a.pk) == pk), None)
        unit_id = data.get("responsible_unit")
        unit = next((u for u in self.choices.units if str(u.pk) == unit_id), None)
        chosen = set(data.get("units") or [])
        return {
            "title": data["title"], "goal": goal if kind == "goal" else None,
            "assignment": assignment if kind == "assignment" else None,
            "responsible_unit": unit, "start": data.get("start"), "end": data.get("end"),
            "units": [u for u in self.choices.units if str(u.pk) in chosen],
        }  # fmt: skip

    @staticmethod
    def initial_for(activity: Activity) -> dict[str, Any]:
        under = ""
        if activity.goal_id:
            under = f"goal-{activity.goal_id}"
        elif activity.assignment_id:
            under = f"assignment-{activity.assignment_id}"
        return {
            "title": activity.title, "under": under,
            "responsible_unit": str(activity.responsible_unit_id or ""),
            "units": [str(u.pk) for u in activity.units.all()],
            "based_on": fingerprint_of(activity, EDITED_FIELDS),
            "start": activity.start, "end": activity.end,
        }  # fmt: skip


def _context(
    request: HttpRequest, plan: Plan, filters: Filters,
    failed: tuple[int, ActivityForm] | None = None, only: int | None = None,
) -> dict[str, Any]:  # fmt: skip
    occasion = _occasion(plan, filters.occasion)
    editable = can_edit(request.user, plan.body) and plan.state != PlanState.LOCKED
    reporting = occasion is not None and not occasion.is_decided and plan.state == "adopted"
    scope = report_scope(request.user, plan.body)
    listing = activity_listing(plan, occasion, scope, request.user.pk, filters, only)
    groups = listing.groups
    choices = Choices.of(plan) if editable else None
    if choices is not None:
        for group in groups:
            for row in group.rows:
                if failed is not None and failed[0] == row.activity.pk:
                    row.form, row.failed = failed[1], True
                    continue
                row.form = ActivityForm(
                    choices,
                    initial=ActivityForm.initial_for(row.activity),
                    auto_id=f"aktivitet-{row.activity.pk}-%s",  # ids unique on the page
                )
    return {
        "plan": plan,
        "occasion": occasion,
        "occasions": [o for o in plan.occasions.all() if not o.is_plan],
        "groups": groups,
        "listing": listing,
        "filters": filters,
        "headings": headings(filters),
        "units": units_of(plan),
        "reporter": scope.reporter_id is not None,
        "statuses": _statuses(plan),
        "not_reported": NOT_REPORTED,
        "editable": editable,
        "reporting": reporting,
        "choices": choices,
    }


def _page(
    request: HttpRequest, plan: Plan, *, status: int = 200, error: str = "",
    new: ActivityForm | None = None, failed: tuple[int, ActivityForm] | None = None,
) -> HttpResponse:  # fmt: skip
    context = _context(request, plan, Filters.from_query(request.GET), failed)
    choices = context["choices"]
    context["new"] = new if new is not None or choices is None else ActivityForm(choices)
    context["error"] = error
    return render(request, "web/activities.html", context, status=status)


def _row(
    request: HttpRequest, plan: Plan, activity: Activity, occasion: ReportOccasion, *,
    status: int = 200, error: str = "",
) -> HttpResponse:  # fmt: skip
    """One activity's rows after a report sent in place (htmx): saved, or why not."""
    back = Filters.from_query(QueryDict(request.POST.get("back", "")))
    filters = Filters(occasion=occasion.key, order=back.order)
    context = _context(request, plan, filters, only=activity.pk)
    rows = [r for g in context["groups"] for r in g.rows]
    context.update(filters=back, row=rows[0], saved=not error, row_error=error, opened=True)
    return render(request, "web/_activity_rows.html", context, status=status)


@login_required
def activities_page(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = access_plan(request.user, plan_id)
    return _page(request, plan)


def _back(plan: Plan, request: HttpRequest, anchor: str = "", **changed: str) -> HttpResponse:
    """Back to the list as it was narrowed when the form was sent (re-read, so only the
    list's own parameters pass)."""
    query = Filters.from_query(QueryDict(request.POST.get("back", ""))).params(**changed)
    url = reverse("web:activities", args=[plan.pk])
    return redirect(f"{url}{'?' + query if query else ''}{anchor}")


@login_required
@require_POST
def save_activity(request: HttpRequest, plan_id: int, activity_id: int = 0) -> HttpResponse:
    plan = access_plan(request.user, plan_id, write=True)
    activity = None
    if activity_id:
        activity = plan.activities.filter(pk=activity_id).first()
        if activity is None:
            raise Http404(_("Aktiviteten finns inte i planen."))
    auto_id = f"aktivitet-{activity.pk}-%s" if activity is not None else "id_%s"
    form = ActivityForm(Choices.of(plan), request.POST, auto_id=auto_id)
    # A refused edit stays in its own row, so correcting it changes that activity; a refused
    # new activity stays in the form for new ones.
    kept: dict[str, Any] = (
        {"failed": (activity.pk, form)} if activity is not None else {"new": form}
    )
    if not form.is_valid():
        errors = "; ".join(
            f"{form.fields[f].label}: {' '.join(str(m) for m in e)}" for f, e in form.errors.items()
        )
        return _page(request, plan, status=400, error=errors, **kept)
    expect = Fingerprint(EDITED_FIELDS, form.cleaned_data.get("based_on") or "")
    try:
        activity = do_save_activity(
            plan, activity, form.values(), acting_user=request.user,
            expect=expect if activity is not None and "based_on" in request.POST else None,
        )  # fmt: skip
    except StaleRecord as stale:
        # Saved by someone else since this form was opened: what was typed stays, and the
        # next save (now based on the stored version) replaces theirs knowingly.
        data = request.POST.copy()
        data["based_on"] = fingerprint_of(stale.current, EDITED_FIELDS)
        form = ActivityForm(Choices.of(plan), data, auto_id=auto_id)
        kept = {"failed": (stale.current.pk, form)}
        return _page(request, plan, status=409, error=str(CONFLICT), **kept)
    except (ActivityError, PlanLocked) as exc:
        return _page(request, plan, status=400, error=str(exc), **kept)
    messages.success(request, _("Aktiviteten ”%(title)s” är sparad.") % {"title": activity.title})
    return _back(plan, request, f"#aktivitet-{activity.pk}")


def _percent(raw: str) -> int | None:
    raw = raw.strip().removesuffix("%").strip()
    if not raw:
        return None
    if not re.fullmatch(r"[0-9]{1,3}", raw):
        raise ActivityError(
            _("Färdiggrad: ”%(value)s” är inte ett heltal mellan 0 och 100.") % {"value": raw[:20]}
        )
    return int(raw)


@login_required
@require_POST
def report_activity(
    request: HttpRequest, plan_id: int, activity_id: int, occasion_key: str
) -> HttpResponse:
    plan = access_plan(request.user, plan_id, report=True)
    activity = (
        plan.activities.select_related("goal__reporter", "assignment__reporter")
        .prefetch_related("units")
        .filter(pk=activity_id)
        .first()
    )
    occasion = plan.occasions.filter(key=occasion_key).exclude(kind="plan").first()
    if activity is None or occasion is None:
        raise Http404(_("Aktiviteten eller rapporten finns inte i planen."))
    scope = report_scope(request.user, plan.body)
    item = activity.goal or activity.assignment
    if not scope.everything and (item is None or not scope.covers(item)):
        raise PermissionDenied(_("Du rapporterar bara för det som tilldelats dig."))
    # Sent in place from the list (htmx): the answer is the activity's rows, not a page.
    in_place = request.headers.get("HX-Request") == "true"
    status_key = request.POST.get("status", "")
    status = next((s for s in _statuses(plan) if s.key == status_key), None)
    try:
        if status_key and status is None:
            raise ActivityError(
                _("Status: ”%(status)s” finns inte bland statusarna.") % {"status": status_key[:30]}
            )
        do_report_activity(
            activity, occasion, status=status,
            percent_complete=_percent(request.POST.get("percent_complete", "")),
            comment=request.POST.get("comment", ""),
            unit_comments={
                u: request.POST[f"unit-{u.pk}"] for u in activity.units.all()
                if f"unit-{u.pk}" in request.POST
            },
            acting_user=request.user, expect=request.POST.get("based_on"),
        )  # fmt: skip
    except StaleRecord:
        typed = request.POST.get("comment", "").strip()
        error = _(
            "%(activity)s: någon annan har rapporterat aktiviteten medan du skrev; det sparade "
            "visas nu."
        ) % {"activity": activity.title}
        if typed:
            error += " " + _("Din kommentar var: ”%(comment)s”.") % {"comment": typed[:500]}
        error += " " + _("Rapportera igen för att ersätta det.")
        if in_place:
            return _row(request, plan, activity, occasion, status=409, error=error)
        return _page(request, plan, status=409, error=error)
    except (ActivityError, PlanLocked) as exc:
        if in_place:
            return _row(request, plan, activity, occasion, status=400, error=str(exc))
        messages.error(request, f"{activity.title}: {exc}")
    else:
        if in_place:
            return _row(request, plan, activity, occasion)
        messages.success(
            request,
            _("%(activity)s: rapporterad för %(occasion)s.")
            % {"activity": activity.title, "occasion": occasion.name},
        )
    return _back(plan, request, f"#aktivitet-{activity.pk}", rapport=occasion.key)
