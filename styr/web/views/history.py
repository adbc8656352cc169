"""A plan's history: every recorded change of the plan and what it holds, newest first."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.http import urlencode

from styr.access.permissions import access_plan
from styr.audit.models import AuditEntry

PAGE_SIZE = 50


@login_required
def plan_history(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = access_plan(request.user, plan_id)
    query = request.GET.get("q", "").strip()
    entries = AuditEntry.objects.for_plan(plan).order_by("-at", "-pk")
    if query:
        entries = entries.search(query)
    page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("sida"))
    params = urlencode({"q": query}) if query else ""
    return render(
        request,
        "web/plan_history.html",
        {"plan": plan, "page": page, "query": query, "params": params},
    )
