"""Where an audit entry's object sits, for the log: its plan and body, and a link to its page.

Resolved for a page of entries at once, one query per kind of object, so a page of the log
runs the same number of queries however long the log is.
"""

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.urls import reverse

from styr.activities.models import Activity
from styr.assignments.models import Assignment
from styr.audit.models import AuditEntry
from styr.finance.models import BudgetTable
from styr.indicators.models import Indicator, Metric
from styr.internal_control.models import Risk
from styr.plans.models import Plan, PlanText, ReportOccasion
from styr.steering.models import CommitteeGoal
from styr.web.links import activity_url, assignment_url, goal_url, risk_url, text_url


@dataclass(frozen=True)
class Place:
    plan: str = ""
    body: str = ""
    url: str = ""


def _plan(plan: Plan, url: str) -> Place:
    return Place(plan.title, plan.body.name, url)


# Per kind of object: its objects with what the place needs, and the place of one.
RESOLVERS: dict[str, tuple[Callable[[list[str]], Iterable[Any]], Callable[[Any], Place]]] = {
    "plans.plan": (
        lambda ids: Plan.objects.filter(pk__in=ids).select_related("body"),
        lambda p: _plan(p, reverse("web:plan", args=[p.pk])),
    ),
    "plans.plantext": (
        lambda ids: PlanText.objects.filter(pk__in=ids).select_related("plan__body"),
        lambda t: _plan(t.plan, text_url(t)),
    ),
    "plans.reportoccasion": (
        lambda ids: ReportOccasion.objects.filter(pk__in=ids).select_related("plan__body"),
        lambda o: _plan(o.plan, reverse("web:plan", args=[o.plan_id]) + "#rapporter"),
    ),
    "steering.committeegoal": (
        lambda ids: CommitteeGoal.objects.filter(pk__in=ids).select_related("plan__body"),
        lambda g: _plan(g.plan, goal_url(g)),
    ),
    "assignments.assignment": (
        lambda ids: Assignment.objects.filter(pk__in=ids).select_related("plan__body"),
        lambda a: _plan(a.plan, assignment_url(a)),
    ),
    "activities.activity": (
        lambda ids: Activity.objects.filter(pk__in=ids).select_related("plan__body"),
        lambda a: _plan(a.plan, activity_url(a)),
    ),
    "internal_control.risk": (
        lambda ids: Risk.objects.filter(pk__in=ids).select_related("category__plan__body"),
        lambda r: _plan(r.category.plan, risk_url(r)),
    ),
    "finance.budgettable": (
        lambda ids: BudgetTable.objects.filter(pk__in=ids).select_related("plan__body"),
        lambda t: _plan(t.plan, reverse("web:budget", args=[t.plan_id]) + f"#tabell-{t.pk}"),
    ),
    # An indicator belongs to its body across years: the body's newest plan shows it.
    "indicators.indicator": (
        lambda ids: Indicator.objects.filter(pk__in=ids).select_related("body").annotate(
            newest=models.Max("goalindicator__goal__plan")
        ),
        lambda i: Place("", i.body.name, reverse("web:indicator", args=[i.newest, i.pk])
                        if i.newest else ""),
    ),
    # A metric (följetal) likewise: the newest plan that follows it shows it.
    "indicators.metric": (
        lambda ids: Metric.objects.filter(pk__in=ids).select_related("body").annotate(
            newest=models.Max("groupmetric__group__plan")
        ),
        lambda m: Place("", m.body.name, reverse("web:metrics", args=[m.newest])
                        if m.newest else ""),
    ),
}  # fmt: skip


def places_of(entries: Iterable[AuditEntry]) -> dict[int, Place]:
    """{entry id: place} for the entries whose object still exists and has a place."""
    wanted: dict[str, list[AuditEntry]] = defaultdict(list)
    for entry in entries:
        if entry.object_type in RESOLVERS and entry.object_id.isdigit():
            wanted[entry.object_type].append(entry)
    places: dict[int, Place] = {}
    for kind, of_kind in wanted.items():
        fetch, place = RESOLVERS[kind]
        found = {str(obj.pk): obj for obj in fetch(sorted({e.object_id for e in of_kind}))}
        for entry in of_kind:
            obj = found.get(entry.object_id)
            if obj is not None:
                places[entry.pk] = place(obj)
    return places
