"""The start page: my bodies, their plans and report occasions."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from styr.access.permissions import can_edit, visible_bodies
from styr.plans.models import Plan


@login_required
def home(request: HttpRequest) -> HttpResponse:
    bodies = list(
        visible_bodies(request.user)
        .select_related("municipality")
        .order_by("municipality__name", "position", "code")
    )
    plans = Plan.objects.filter(body__in=bodies).prefetch_related("occasions").order_by("-year")
    by_body: dict[int, list[Plan]] = {}
    for plan in plans:
        by_body.setdefault(plan.body_id, []).append(plan)
    rows = [
        {"body": b, "plans": by_body.get(b.pk, []), "editable": can_edit(request.user, b)}
        for b in bodies
    ]
    return render(request, "web/home.html", {"rows": rows})
