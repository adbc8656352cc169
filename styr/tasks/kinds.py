"""The kinds of background work. Each does its writing in one transaction, so a job stopped
half-way (a worker killed, a server restarted) has written nothing and runs again whole."""

import tempfile
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Max, Min
from django.utils.translation import gettext, gettext_noop

from styr.tasks.models import Job
from styr.tasks.queue import JobFailed, Outcome, Progress, kind

# Kolada's outcomes for the plan years and this many years before the earliest: an
# indicator table shows a few years of history.
KOLADA_HISTORY_YEARS = 5


@kind("render")
def render(job: Job, progress: Progress) -> Outcome:
    """A plan's or report's document from today's data, as PDF, Word or HTML."""
    from styr.documents.produce import DocumentError, document_for
    from styr.documents.render import CONTENT_TYPES, Format
    from styr.documents.render import render as render_document
    from styr.plans.models import Plan

    params = job.params
    plan = Plan.objects.select_related("body").filter(pk=params["plan"]).first()
    if plan is None:
        raise JobFailed(gettext_noop("Planen finns inte längre."))
    fmt = Format(params["format"])
    progress(0, 2, gettext_noop("Hämtar planens uppgifter"))
    try:
        document = document_for(plan, params["template"], params.get("occasion") or None)
    except DocumentError as error:
        raise JobFailed(str(error)) from None
    progress(1, 2, gettext_noop("Skapar filen"))
    content = render_document(document, fmt)
    name = f"{plan.body.code.lower()}-{params['template']}-{plan.year}-utkast.{fmt.value}"
    return Outcome(
        summary={"bytes": len(content)},
        file_name=name,
        file_type=CONTENT_TYPES[fmt],
        file_content=content,
    )


def kolada_wanted(municipality: str | None = None) -> tuple[list[str], list[str], list[int]]:
    """What the linked indicators and metrics need from Kolada (of one municipality, by its
    key, or of all): their KPIs, their own and comparison areas, and the years of the plans
    they are in (with some history)."""
    from styr.indicators.kolada import comparison_area_ids, own_area
    from styr.indicators.models import Indicator, Metric
    from styr.plans.models import Plan

    kpis: set[str] = set()
    areas: set[str] = set()
    bodies: set[int] = set()
    for model in (Indicator, Metric):
        linked = model.objects.filter(kolada_kpi__gt="").select_related("body__municipality")
        if municipality is not None:
            linked = linked.filter(body__municipality__key=municipality)
        for measure in linked:
            its_municipality = measure.body.municipality
            kpis.add(measure.kolada_kpi)
            own = own_area(measure, its_municipality)
            if own:
                areas.add(own)
            areas.update(comparison_area_ids(measure, its_municipality))
            bodies.add(measure.body_id)
    span = Plan.objects.filter(body_id__in=bodies).aggregate(first=Min("year"), last=Max("year"))
    if not kpis or not areas or span["first"] is None:
        return [], [], []
    years = list(range(span["first"] - KOLADA_HISTORY_YEARS, span["last"] + 1))
    return sorted(kpis), sorted(areas), years


def _take_outcomes(municipality: str | None) -> Any:
    """The linked measures take the new outcomes: of one municipality's bodies (asked for by
    its administrator), or of all (the nightly fetch)."""
    from styr.indicators.kolada import (
        SyncReport,
        do_take_kolada_outcomes,
        do_take_kolada_outcomes_everywhere,
    )
    from styr.organisation.models import Body

    if municipality is None:
        return do_take_kolada_outcomes_everywhere(acting_user=None)
    total = SyncReport()
    bodies = Body.objects.filter(municipality__key=municipality).select_related("municipality")
    for body in bodies.order_by("pk"):
        report = do_take_kolada_outcomes(body, acting_user=None)
        total.measures += report.measures
        total.added += report.added
        total.updated += report.updated
    return total


@kind("kolada_fetch")
def kolada_fetch(job: Job, progress: Progress) -> Outcome:
    """Fetch from Kolada what the linked measures need, import it and let the measures take
    the new outcomes, all in one transaction."""
    from styr.indicators.rollup import deferred
    from styr.kolada.actions import KoladaImportRefused, do_import_kolada
    from styr.kolada.fetch import FetchError, fetch_pages
    from styr.kolada.reader import KoladaError

    kpis, areas, years = kolada_wanted(job.params.get("municipality"))
    if not kpis:
        return Outcome(summary={"kpis": 0})
    base = job.params.get("api") or settings.KOLADA_API_URL
    with tempfile.TemporaryDirectory(prefix="styr-kolada-") as folder:
        fetched = 0

        def fetched_one(line: str) -> None:
            nonlocal fetched
            fetched += 1
            progress(fetched, 0, gettext_noop("Hämtar från Kolada"))

        try:
            fetch_pages(
                kpis=kpis, areas=areas, years=years, base_url=base, folder=Path(folder),
                log=fetched_one,
            )  # fmt: skip
        except (FetchError, OSError) as error:
            raise JobFailed(f"Kolada: {error}") from None
        progress(0, 0, gettext_noop("Läser in värdena"))
        try:
            # The plans' goal counts once, at the end (in plan order, so two transactions
            # never lock the same plans in different orders).
            with transaction.atomic(), deferred():
                summary = do_import_kolada([Path(folder)], acting_user=None)
                taken = _take_outcomes(job.params.get("municipality"))
        except KoladaImportRefused as refused:
            raise JobFailed(
                f"Kolada: {refused.summary.refused} värden avvisades; inget skrevs."
            ) from None
        except KoladaError as error:
            raise JobFailed(f"Kolada: {error}; inget skrevs.") from None
    result: dict[str, Any] = {
        "kpis": len(kpis),
        "areas": len(areas),
        "years": f"{years[0]}–{years[-1]}",
        "pages": fetched,
        "values": summary.values,
        "added": summary.added,
        "updated": summary.updated,
        "measures": taken.measures,
        "outcomes_added": taken.added,
        "outcomes_updated": taken.updated,
    }
    return Outcome(summary=result)


@kind("reminders")
def reminders(job: Job, progress: Progress) -> Outcome:
    """The morning's e-mail reminders to reporters (styr.reminders); a day's run sends each
    reminder once, so a job run again sends only what the first run did not."""
    from datetime import date

    from django.core.exceptions import ImproperlyConfigured

    from styr.reminders.actions import do_send_due_reminders

    try:
        summary = do_send_due_reminders(today=date.fromisoformat(job.params["date"]))
    except ImproperlyConfigured as error:
        raise JobFailed(str(error)) from None
    if summary.failed:
        # The others went out; these are tried again on the next run (none is recorded).
        raise JobFailed(
            gettext("Påminnelserna kunde inte skickas till %(users)s; de försöks igen nästa gång.")
            % {"users": ", ".join(summary.failed)}
        )
    return Outcome(
        summary={
            "occasions": summary.occasions,
            "sent": len(summary.sent),
            "already_sent": summary.already_sent,
            "opted_out": len(summary.opted_out),
            "no_address": len(summary.no_address),
            "failed": len(summary.failed),
        }
    )


@kind("proposals_purge")
def proposals_purge(job: Job, progress: Progress) -> Outcome:
    """Every night: erase the e-förslag residents inactive longer than the retention period
    (styr.proposals), as the GDPR asks of what is no longer needed."""
    from styr.proposals.actions import do_purge_residents

    return Outcome(summary={"erased": do_purge_residents(acting_user=None)})


@kind("excel_import")
def excel_import(job: Job, progress: Progress) -> Outcome:
    """An edited workbook's previewed changes, applied through the domain actions in one
    transaction, by the editor who confirmed them (their rights checked again as it runs)."""
    from styr.access.permissions import can_edit
    from styr.excel.actions import do_import_workbook
    from styr.excel.changes import ChangesMoved, WorkbookRefused
    from styr.excel.models import PendingWorkbook
    from styr.plans.actions import PlanLocked

    params = job.params
    user = job.created_by
    try:
        with transaction.atomic():
            pending = (
                PendingWorkbook.objects.select_for_update(of=("self",))
                .select_related("plan__body")
                .filter(key=params["pending"], plan_id=params["plan"], uploaded_by=user)
                .first()
            )
            if pending is None or user is None:
                raise JobFailed(
                    gettext_noop("Arbetsboken finns inte längre kvar. Läs in den igen.")
                )
            if not can_edit(user, pending.plan.body):
                raise JobFailed(gettext_noop("Du får inte längre ändra den här planen."))
            progress(0, 0, gettext_noop("Läser in arbetsboken"))
            summary = do_import_workbook(
                bytes(pending.content), plan=pending.plan, acting_user=user,
                expected=params["digest"], name=pending.name,
            )  # fmt: skip
            pending.delete()
    except ChangesMoved:
        PendingWorkbook.objects.filter(key=params["pending"]).delete()
        raise JobFailed(MOVED) from None
    except (WorkbookRefused, PlanLocked, ValueError) as error:
        # ValueError: an action's own refusal of a value the preview let through.
        PendingWorkbook.objects.filter(key=params["pending"]).delete()
        raise JobFailed(f"{gettext('Ingenting är inläst:')} {error}") from None
    return Outcome(summary={"total": summary.total, "by_sheet": dict(summary.by_sheet)})


MOVED = gettext_noop(
    "Planen har ändrats sedan förhandsgranskningen; ingenting är inläst. Läs in arbetsboken "
    "igen för att se ändringarna som de är nu."
)
