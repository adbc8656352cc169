"""The audit log for auditors: every change, who made it and when, searchable."""

import csv
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, QueryDict, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone, translation
from django.utils.http import urlencode
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from styr.access.permissions import audit_log_bodies, can_read_audit_log
from styr.audit import labels
from styr.audit.models import AuditEntry, AuditEntryQuerySet
from styr.core.formatting import format_number
from styr.kolada.models import KoladaChange
from styr.organisation.models import Body
from styr.plans.models import Plan
from styr.web.audit_places import places_of

PAGE_SIZE = 50


@dataclass(frozen=True)
class LogFilters:
    """The log narrowed by words, a period, a person and an action (GET parameters, so a
    narrowed log is a link an auditor can keep)."""

    text: str = ""
    since: date | None = None
    until: date | None = None
    actor: str = ""
    action: str = ""
    body: Body | None = None
    plan: Plan | None = None
    unknown_place: bool = False  # a body or plan asked for that the user does not read
    errors: tuple[str, ...] = ()

    @classmethod
    def from_query(cls, query: QueryDict, bodies: QuerySet[Body]) -> "LogFilters":
        errors = []
        dates: dict[str, date | None] = {}
        for name, label in (("fran", _("Från och med")), ("till", _("Till och med"))):
            raw = query.get(name, "").strip()
            try:
                dates[name] = date.fromisoformat(raw) if raw else None
            except ValueError:
                dates[name] = None
                errors.append(
                    _("%(field)s: skriv datumet ÅÅÅÅ-MM-DD (”%(raw)s” går inte att läsa).")
                    % {"field": label, "raw": raw[:20]}
                )
        action = query.get("handelse", "")
        # Only bodies and plans whose log the user reads; any other narrows to nothing,
        # without saying whether it exists.
        body_id, plan_id = query.get("organ", ""), query.get("plan", "")
        body = bodies.filter(pk=body_id).first() if body_id.isdigit() else None
        plan = (
            Plan.objects.filter(pk=plan_id, body__in=bodies).select_related("body").first()
            if plan_id.isdigit()
            else None
        )
        unknown_place = bool((body_id and body is None) or (plan_id and plan is None))
        if unknown_place:
            errors.append(_("Nämnden eller planen finns inte bland dem vars logg du läser."))
        return cls(
            text=query.get("q", "").strip()[:200],
            since=dates["fran"],
            until=dates["till"],
            actor=query.get("vem", "").strip()[:200],
            action=action if action in labels.ACTIONS else "",
            body=body,
            plan=plan,
            unknown_place=unknown_place,
            errors=tuple(errors),
        )

    def apply(self, entries: AuditEntryQuerySet) -> AuditEntryQuerySet:
        if self.unknown_place:
            return entries.none()
        if self.text:
            entries = entries.search(self.text)
        if self.since is not None:
            entries = entries.filter(at__date__gte=self.since)
        if self.until is not None:
            entries = entries.filter(at__date__lte=self.until)
        if self.actor:
            entries = entries.filter(actor_name__icontains=self.actor)
        if self.action:
            entries = entries.filter(action=self.action)
        if self.body is not None:
            entries = entries & AuditEntry.objects.for_body(self.body)
        if self.plan is not None:
            entries = entries & AuditEntry.objects.for_plan(self.plan)
        return entries

    def params(self) -> str:
        values = {"q": self.text, "fran": self.since.isoformat() if self.since else "",
                  "till": self.until.isoformat() if self.until else "", "vem": self.actor,
                  "handelse": self.action, "organ": self.body.pk if self.body else "",
                  "plan": self.plan.pk if self.plan else ""}  # fmt: skip
        return urlencode({k: v for k, v in values.items() if v})


def _entries(request: HttpRequest) -> tuple[AuditEntryQuerySet, LogFilters]:
    if not can_read_audit_log(request.user):
        raise Http404(_("Sidan finns inte."))
    filters = LogFilters.from_query(request.GET, audit_log_bodies(request.user))
    entries = AuditEntry.objects.visible_to(request.user).order_by("-at", "-pk")
    return filters.apply(entries), filters


@login_required
def audit_log(request: HttpRequest) -> HttpResponse:
    entries, filters = _entries(request)
    page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("sida"))
    places = places_of(page.object_list)
    for entry in page.object_list:
        entry.place = places.get(entry.pk)
    actions = sorted(labels.ACTIONS.items(), key=lambda item: item[1])
    bodies = (
        audit_log_bodies(request.user)
        .select_related("municipality")
        .order_by("municipality__name", "name")
    )
    plans = (
        Plan.objects.filter(body__in=bodies)
        .select_related("body")
        .order_by("body__name", "-year", "title")
    )
    return render(
        request,
        "web/audit_log.html",
        {"page": page, "query": filters.text, "filters": filters, "actions": actions,
         "params": filters.params(), "bodies": bodies, "plans": plans},
    )  # fmt: skip


CSV_BATCH = 1000


def _csv_rows(writer: Any, entries: list[AuditEntry]) -> Iterator[str]:
    """The CSV lines of some entries: one per changed field, their places looked up at once."""
    places = places_of(entries)
    for entry in entries:
        at = timezone.localtime(entry.at).strftime("%Y-%m-%d %H:%M:%S")
        place = places.get(entry.pk)
        where = [place.body, place.plan] if place else ["", ""]
        who = labels.actor_label(entry.actor_name) or _("systemet")
        head = [at, who, labels.action_label(entry.action), *where, entry.object_repr]
        changes = labels.describe(entry.changes)
        if not changes:
            yield writer.writerow([*head, "", "", ""])
        for change in changes:
            yield writer.writerow([*head, change.field, change.old or "", change.new])


@login_required
def audit_log_csv(request: HttpRequest) -> StreamingHttpResponse:
    """The narrowed log as CSV for Excel: one line per change of a field."""
    entries, _filters = _entries(request)
    writer = csv.writer(_Echo(), delimiter=";")
    # The file is written after the view has returned: in the language of the request.
    language = get_language()

    def rows() -> Iterator[str]:
        with translation.override(language):
            # For people, in the reader's language: nothing reads this file back.
            yield "\ufeff" + writer.writerow(
                [_("Tid"), _("Vem"), _("Händelse"), _("Nämnd"), _("Plan"), _("Objekt"),
                 _("Fält"), _("Före"), _("Efter")]
            )  # fmt: skip
            batch: list[AuditEntry] = []
            for entry in entries.iterator(chunk_size=CSV_BATCH):
                batch.append(entry)
                if len(batch) == CSV_BATCH:
                    yield from _csv_rows(writer, batch)
                    batch = []
            yield from _csv_rows(writer, batch)

    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="andringslogg.csv"'
    return response


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
        raise Http404(_("Sidan finns inte."))
    entry = (
        AuditEntry.objects.visible_to(request.user)
        .filter(pk=entry_id, action="kolada_imported")
        .first()
    )
    if entry is None:
        raise Http404(_("Sidan finns inte."))
    writer = csv.writer(_Echo(), delimiter=";")
    changes = KoladaChange.objects.of_entry(entry.pk).values_list(
        "kpi_id", "area_id", "year", "gender", "old", "new"
    )

    language = get_language()

    def rows() -> Iterator[str]:
        with translation.override(language):
            yield "\ufeff" + writer.writerow(
                [_("Nyckeltal"), _("Område"), _("År"), _("Kön"), _("Före"), _("Efter")]
            )
        for kpi, area, year, gender, old, new in changes.iterator(chunk_size=5000):
            yield writer.writerow([kpi, area, year, gender, _number(old), _number(new)])

    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="kolada-andringar-{entry.at:%Y%m%d-%H%M%S}.csv"'
    )
    return response
