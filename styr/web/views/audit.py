"""The audit log for auditors: every change, who made it and when, searchable."""

import csv
from collections.abc import Iterator
from decimal import Decimal

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render

from styr.access.permissions import can_read_audit_log
from styr.audit.models import AuditEntry
from styr.core.formatting import format_number
from styr.kolada.models import KoladaChange

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


class _Echo:
    def write(self, value: str) -> str:
        return value


def _number(value: float | None) -> str:
    # repr keeps every digit Kolada gave; the comma and no grouping read right in Swedish Excel.
    return "" if value is None else format_number(Decimal(repr(value)), space="")


@login_required
def kolada_changes(request: HttpRequest, entry_id: int) -> StreamingHttpResponse:
    """A Kolada import's change set as CSV (semicolons, UTF-8 with BOM, for Excel)."""
    if not can_read_audit_log(request.user):
        raise Http404("Sidan finns inte.")
    entry = (
        AuditEntry.objects.visible_to(request.user)
        .filter(pk=entry_id, action="kolada_imported")
        .first()
    )
    if entry is None:
        raise Http404("Sidan finns inte.")
    writer = csv.writer(_Echo(), delimiter=";")
    changes = KoladaChange.objects.of_entry(entry.pk).values_list(
        "kpi_id", "area_id", "year", "gender", "old", "new"
    )

    def rows() -> Iterator[str]:
        yield "\ufeff" + writer.writerow(["Nyckeltal", "Område", "År", "Kön", "Före", "Efter"])
        for kpi, area, year, gender, old, new in changes.iterator(chunk_size=5000):
            yield writer.writerow([kpi, area, year, gender, _number(old), _number(new)])

    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="kolada-andringar-{entry.at:%Y%m%d-%H%M%S}.csv"'
    )
    return response
