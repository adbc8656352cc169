"""The audit log for auditors: every change, who made it and when, searchable."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from styr.access.permissions import can_read_audit_log
from styr.audit.models import AuditEntry

PAGE_SIZE = 50


@login_required
def audit_log(request: HttpRequest) -> HttpResponse:
    if not can_read_audit_log(request.user):
        raise Http404("Sidan finns inte.")
    query = request.GET.get("q", "").strip()
    entries = AuditEntry.objects.visible_to(request.user).order_by("-at", "-pk")
    if query:
        entries = entries.search(query)
    page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("sida"))
    return render(request, "web/audit_log.html", {"page": page, "query": query})
