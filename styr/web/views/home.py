"""The start page: my bodies, their plans and report occasions."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from styr.access.permissions import editable_body_ids, visible_bodies
from styr.indicators.assessment import Status
from styr.plans.models import Plan
from styr.web.overview import cached_goal_rollup


def _counted(counts: dict[Status, int] | None) -> dict[Status, int] | None:
    return counts if counts and any(counts.values()) else None


@login_required
def home(request: HttpRequest) -> HttpResponse:
    bodies = list(
        visible_bodies(request.user)
        .select_related("municipality")
        .order_by("municipality__name", "position", "code")
    )
    plans = list(
        Plan.objects.filter(body__in=bodies)
        .select_related("body__municipality")
        .prefetch_related("occasions")
        .order_by("-year")
    )
    by_body: dict[int, list[Plan]] = {}
    for plan in plans:
        by_body.setdefault(plan.body_id, []).append(plan)
    latest = [own[0] for own in by_body.values()]
    rollup = cached_goal_rollup(latest)
    total = {s: sum(counts[s] for counts in rollup.values()) for s in Status}
    editable = editable_body_ids(request.user)
    rows = [
        {
            "body": b,
            "plans": by_body.get(b.pk, []),
            "editable": b.pk in editable,
            "goals": _counted(rollup.get(by_body[b.pk][0].pk)) if b.pk in by_body else None,
        }
        for b in bodies
    ]
    return render(request, "web/home.html", {"rows": rows, "total": total})
