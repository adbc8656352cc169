"""The plan's activities: what is done for each goal and assignment, and how far it has come
at a report occasion; filtered by status, grouped under their goal or assignment."""

import re
from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from styr.access.permissions import access_plan, can_edit, report_scope
from styr.activities.actions import (
    EDITED_FIELDS,
    STATUS_SCALE,
    ActivityError,
    do_report_activity,
    do_save_activity,
    report_version_parts,
    units_of,
)
from styr.activities.models import Activity, ActivityFollowUp
from styr.assignments.models import Assignment
from styr.core.conflicts import Fingerprint, StaleRecord, fingerprint_of, version_of
from styr.documents.sections.goals import goal_link
from styr.organisation.models import Unit
from styr.plans.actions import PlanLocked
from styr.plans.models import Plan, PlanState, ReportOccasion
from styr.scales.models import Scale, ScaleOption
from styr.steering.models import CommitteeGoal
from styr.web.forms import CONFLICT

NOT_REPORTED = "ej-rapporterad"


@dataclass
class Row:
    activity: Activity
    follow_up: ActivityFollowUp | None
    may_report: bool
    form: "ActivityForm | None" = None  # the editor's form for changing the activity
    failed: bool = False  # the form holds a refused edit: shown open, as it was typed

    @property
    def version(self) -> str:
        """The version the report form is opened on (see report_version_parts)."""
        return version_of(*report_version_parts(self.activity, self.follow_up))

    @property
    def unit_texts(self) -> list[tuple[Unit, str]]:
        """Each participating unit with its comment at the occasion (empty if none yet)."""
        said = (
            {c.unit_id: c.comment for c in self.follow_up.unit_comments.all()}
            if self.follow_up
            else {}
        )
        return [(u, said.get(u.pk, "")) for u in self.activity.units.all()]


@dataclass
class Group:
    """The activities under one goal or assignment (or under neither)."""

    title: str
    kind: str  # "Mål", "Uppdrag" or ""
    rows: list[Row] = field(default_factory=list)


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
            raise Http404("Rapporten finns inte i planen.")
        return found
    # The first report not yet decided: where follow-up is being entered now.
    return next((o for o in occasions if not o.is_decided), occasions[-1] if occasions else None)


def _groups(
    plan: Plan, occasion: ReportOccasion | None, request: HttpRequest, status: str
) -> list[Group]:
    scope = report_scope(request.user, plan.body)
    activities = plan.activities.select_related(
        "goal", "assignment", "responsible_unit", "goal__reporter", "assignment__reporter"
    ).prefetch_related("follow_ups__status", "follow_ups__unit_comments__unit", "units")
    groups: dict[tuple[str, int], Group] = {}
    for activity in activities:
        follow_up = None
        if occasion is not None:
            follow_up = next(
                (f for f in activity.follow_ups.all() if f.occasion_id == occasion.pk), None
            )
        current = follow_up.status.key if follow_up and follow_up.status else ""
        if status == NOT_REPORTED and current:
            continue
        if status and status != NOT_REPORTED and current != status:
            continue
        item = activity.goal or activity.assignment
        may_report = scope.everything or (item is not None and scope.covers(item))
        if activity.goal is not None:
            title = activity.goal.title or goal_link(activity.goal)
            key, group = ("goal", activity.goal.pk), Group(title, "Mål")
        elif activity.assignment is not None:
            text = activity.assignment.text
            key, group = ("assignment", activity.assignment.pk), Group(text, "Uppdrag")
        else:
            key, group = ("", 0), Group("Utan mål eller uppdrag", "")
        groups.setdefault(key, group).rows.append(Row(activity, follow_up, may_report))
    return list(groups.values())


@dataclass
class Choices:
    """What an activity can belong to and who can be responsible, read once per page."""

    goals: list[CommitteeGoal]
    assignments: list[Assignment]
    units: list[Unit]

    @classmethod
    def of(cls, plan: Plan) -> "Choices":
        return cls(list(plan.goals.all()), list(plan.assignments.all()), units_of(plan))


class ActivityForm(forms.Form):
    title = forms.CharField(label="Aktivitet", max_length=500)
    under = forms.ChoiceField(label="Hör till", required=False)
    responsible_unit = forms.ChoiceField(label="Ansvarig enhet", required=False)
    units = forms.MultipleChoiceField(
        label="Medverkande enheter",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Enheter som gör aktiviteten tillsammans med den ansvariga; var och en "
        "lämnar en egen kommentar i rapporterna.",
    )
    start = forms.DateField(label="Start", required=False, widget=forms.DateInput({"type": "date"}))
    based_on = forms.CharField(widget=forms.HiddenInput, required=False)
    end = forms.DateField(label="Slut", required=False, widget=forms.DateInput({"type": "date"}))

    def __init__(self, choices: Choices, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.choices = choices
        under: list[tuple[str, str]] = [("", "Inget mål eller uppdrag")]
        under += [(f"goal-{g.pk}", f"Mål: {g.title or goal_link(g)}") for g in choices.goals]
        under += [(f"assignment-{a.pk}", f"Uppdrag: {a.text[:90]}") for a in choices.assignments]
        self.fields["under"].choices = under  # type: ignore[attr-defined]
        units = [("", "Ingen angiven")] + [(str(u.pk), u.name) for u in choices.units]
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


def _page(
    request: HttpRequest, plan: Plan, *, status: int = 200, error: str = "",
    new: ActivityForm | None = None, failed: tuple[int, ActivityForm] | None = None,
) -> HttpResponse:  # fmt: skip
    occasion = _occasion(plan, request.GET.get("rapport", ""))
    chosen = request.GET.get("status", "")
    editable = can_edit(request.user, plan.body) and plan.state != PlanState.LOCKED
    reporting = occasion is not None and not occasion.is_decided and plan.state == "adopted"
    groups = _groups(plan, occasion, request, chosen)
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
    context = {
        "plan": plan,
        "occasion": occasion,
        "occasions": [o for o in plan.occasions.all() if not o.is_plan],
        "groups": groups,
        "count": sum(len(g.rows) for g in groups),
        "statuses": _statuses(plan),
        "chosen": chosen,
        "not_reported": NOT_REPORTED,
        "editable": editable,
        "reporting": reporting,
        "new": new if new is not None or choices is None else ActivityForm(choices),
        "error": error,
    }
    return render(request, "web/activities.html", context, status=status)


@login_required
def activities_page(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = access_plan(request.user, plan_id)
    return _page(request, plan)


def _back(plan: Plan, request: HttpRequest, anchor: str = "") -> HttpResponse:
    query = request.POST.get("back", "")
    url = reverse("web:activities", args=[plan.pk])
    return redirect(f"{url}{'?' + query if query.startswith('rapport=') else ''}{anchor}")


@login_required
@require_POST
def save_activity(request: HttpRequest, plan_id: int, activity_id: int = 0) -> HttpResponse:
    plan = access_plan(request.user, plan_id, write=True)
    activity = None
    if activity_id:
        activity = plan.activities.filter(pk=activity_id).first()
        if activity is None:
            raise Http404("Aktiviteten finns inte i planen.")
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
        return _page(request, plan, status=409, error=CONFLICT, **kept)
    except (ActivityError, PlanLocked) as exc:
        return _page(request, plan, status=400, error=str(exc), **kept)
    messages.success(request, f"Aktiviteten ”{activity.title}” är sparad.")
    return _back(plan, request, f"#aktivitet-{activity.pk}")


def _percent(raw: str) -> int | None:
    raw = raw.strip().removesuffix("%").strip()
    if not raw:
        return None
    if not re.fullmatch(r"[0-9]{1,3}", raw):
        raise ActivityError(f"Färdiggrad: ”{raw[:20]}” är inte ett heltal mellan 0 och 100.")
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
        raise Http404("Aktiviteten eller rapporten finns inte i planen.")
    scope = report_scope(request.user, plan.body)
    item = activity.goal or activity.assignment
    if not scope.everything and (item is None or not scope.covers(item)):
        raise PermissionDenied("Du rapporterar bara för det som tilldelats dig.")
    status_key = request.POST.get("status", "")
    status = next((s for s in _statuses(plan) if s.key == status_key), None)
    try:
        if status_key and status is None:
            raise ActivityError(f"Status: ”{status_key[:30]}” finns inte bland statusarna.")
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
        error = (
            f"{activity.title}: någon annan har rapporterat aktiviteten medan du skrev; det "
            "sparade visas nu. " + (f"Din kommentar var: ”{typed[:500]}”. " if typed else "")
            + "Rapportera igen för att ersätta det."
        )  # fmt: skip
        return _page(request, plan, status=409, error=error)
    except (ActivityError, PlanLocked) as exc:
        messages.error(request, f"{activity.title}: {exc}")
    else:
        messages.success(request, f"{activity.title}: rapporterad för {occasion.name}.")
    query = f"rapport={occasion.key}"
    url = reverse("web:activities", args=[plan.pk])
    return redirect(f"{url}?{query}#aktivitet-{activity.pk}")
