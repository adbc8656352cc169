"""The start page: my bodies, their plans and report occasions."""

from typing import Any

from django.contrib.auth.decorators import login_required
from django.db.models import Count, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from styr.access.permissions import editable_body_ids, visible_bodies
from styr.assignments.models import Assignment
from styr.indicators.assessment import Status
from styr.indicators.vocabulary import goal_words_for
from styr.internal_control.models import Risk
from styr.plans.models import Plan, PlanState
from styr.steering.models import CommitteeGoal
from styr.web.overview import current_goal_rollup


def _to_report(user_id: int, plans: list[Plan]) -> list[tuple[Plan, int, int, int]]:
    """The plans where the user is the reporter of something: goals, assignments, risks."""
    ids = [p.pk for p in plans if p.state != PlanState.LOCKED]

    def count(queryset: QuerySet[Any], plan_field: str) -> dict[int, int]:
        rows = queryset.filter(reporter_id=user_id, **{f"{plan_field}__in": ids})
        return dict(rows.values_list(plan_field).annotate(n=Count("pk")).order_by())

    goals = count(CommitteeGoal.objects.all(), "plan_id")
    assignments = count(Assignment.objects.all(), "plan_id")
    risks = count(Risk.objects.all(), "category__plan_id")
    return [
        (p, goals.get(p.pk, 0), assignments.get(p.pk, 0), risks.get(p.pk, 0))
        for p in plans
        if p.pk in goals or p.pk in assignments or p.pk in risks
    ]


# Stand in for an id and an occasion's key while a URL is reversed once for a page's many
# links (see _links).
_ID, _KEY = 987654321, "styr-occasion-key"


def _links(name: str, *args: str) -> str:
    """The URL named `name`, as a format string with {} where the leading id goes: one reversal
    for a page's hundreds of links to plans and report occasions."""
    return reverse(name, args=[_ID, *args]).replace(str(_ID), "{}", 1)


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
    plan_url, follow_up_url = _links("web:plan"), _links("web:follow-up", _KEY)
    for plan in plans:
        by_body.setdefault(plan.body_id, []).append(plan)
        plan.url = plan_url.format(plan.pk)  # type: ignore[attr-defined]
        for occasion in plan.occasions.all():
            occasion.url = (  # type: ignore[attr-defined]
                ""
                if occasion.kind == "plan"
                else follow_up_url.format(plan.pk).replace(_KEY, occasion.key)
            )
            # In Python: a template's blocktranslate for each of a municipality's hundreds of
            # occasions took a tenth of the page.
            occasion.as_of = (  # type: ignore[attr-defined]
                _("(per %(date)s)") % {"date": occasion.date.isoformat()} if occasion.date else ""
            )
    latest = [own[0] for own in by_body.values()]
    # Stored per plan and kept current by every change (styr.indicators.rollup): one query.
    rollup = current_goal_rollup(latest)
    total = {s: sum(counts[s] for counts in rollup.values()) for s in Status}
    editable = editable_body_ids(request.user)
    body_url = _links("web:body")
    words = {m: w.as_dict() for m, w in goal_words_for({b.municipality_id for b in bodies}).items()}
    rows = [
        {
            "body": b,
            "url": body_url.format(b.pk),
            "words": words[b.municipality_id],
            "plans": by_body.get(b.pk, []),
            "editable": b.pk in editable,
            "goals": _counted(rollup.get(by_body[b.pk][0].pk)) if b.pk in by_body else None,
        }
        for b in bodies
    ]
    context = {
        "rows": rows,
        "total": total,
        # The sum in the first municipality's words (the same statuses in each).
        "total_words": words[bodies[0].municipality_id] if bodies else {},
        "to_report": _to_report(request.user.pk, plans) if request.user.pk else [],
    }
    return render(request, "web/home.html", context)
