"""The plan's indicators as a table one can narrow and sort (see styr.web.indicator_list)."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from styr.access.permissions import access_plan, report_scope
from styr.indicators.assessment import Status
from styr.indicators.vocabulary import indicator_words
from styr.web.indicator_list import Filters, headings, indicator_lines
from styr.web.overview import cached_plan_overview


@login_required
def indicators_page(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = access_plan(request.user, plan_id)
    filters = Filters.from_query(request.GET)
    overview = cached_plan_overview(plan)
    lines, total = indicator_lines(overview, filters, request.user.pk)
    words = indicator_words(plan.body.municipality_id)
    context = {
        "plan": plan,
        "year": overview.year,
        "lines": lines,
        "total": total,
        "filters": filters,
        "headings": headings(filters),
        "goals": [g.goal for g in overview.goals],
        "statuses": [(s.value, words.label(s)) for s in Status],
        "words": words.as_dict(),
        "reporter": report_scope(request.user, plan.body).reporter_id is not None,
        # Prefixes, so a table of hundreds of rows does not reverse two URLs a row.
        "indicator_base": reverse("web:indicator", args=[plan.pk, 1]).removesuffix("1/"),
        "goals_url": reverse("web:goals", args=[plan.pk]),
    }
    return render(request, "web/indicators.html", context)
