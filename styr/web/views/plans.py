"""A body's plan: overview, document preview and download, chapter texts, state."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from styr.access.permissions import access_body, access_plan, can_edit
from styr.audit.models import AuditEntry
from styr.documents.build import plan_figures
from styr.documents.models import DocumentVersion
from styr.documents.produce import documents_by_kind
from styr.indicators.vocabulary import vocabulary
from styr.planfiles.check import Finding, Place, check_plan
from styr.plans.actions import (
    EditConflict,
    InvalidTransition,
    PlanLocked,
    do_change_occasion_state,
    do_change_plan_state,
    do_set_occasion_deadline,
    do_update_plan_text,
    fingerprint,
)
from styr.plans.copying import PlanExists, do_copy_plan_to_next_year
from styr.plans.images import IMAGE_LIMIT, ImageRefused, do_add_text_image
from styr.plans.models import Plan, PlanState, ReportOccasion
from styr.web.overview import ROLLUP_SECONDS, cached_plan_overview, newest_change


@dataclass
class ReportRow:
    """An occasion's line in the plan's table of reports and decisions."""

    occasion: ReportOccasion
    template: str
    versions: list[DocumentVersion]


def _report_rows(plan: Plan) -> list[ReportRow]:
    occasions = list(plan.occasions.all())
    versions: dict[int, list[DocumentVersion]] = {}
    for version in (
        DocumentVersion.objects.filter(occasion__plan=plan)
        .defer("tree")
        .order_by("occasion", "template_key", "number")
    ):
        versions.setdefault(version.occasion_id, []).append(version)
    documents = documents_by_kind(plan.body.municipality_id)
    rows = []
    for occasion in occasions:
        occasion.plan = plan
        template = documents[occasion.kind]
        decided = versions.get(occasion.pk, [])
        rows.append(
            ReportRow(occasion, template, [v for v in decided if v.template_key == template])
        )
    return rows


@login_required
def body_overview(request: HttpRequest, body_id: int) -> HttpResponse:
    body = access_body(request.user, body_id)
    plan = body.plans.order_by("-year").first()
    if plan is None:
        return render(request, "web/body.html", {"body": body, "overview": None})
    return redirect("web:plan", plan_id=plan.pk)


def _fixed_at(plan: Plan, finding: Finding) -> str:
    """The page where a finding of `styr check` is fixed."""
    if finding.place == Place.BUDGET:
        return reverse("web:budget", args=[plan.pk]) + f"#tabell-{finding.object_id}"
    if finding.place == Place.DIGITALISATION:
        return reverse("web:plan-items", args=[plan.pk, "digitalisering"])
    if finding.place == Place.INDICATOR and finding.object_id is not None:
        return reverse("web:indicator", args=[plan.pk, finding.object_id]) + "#ange"
    if finding.place == Place.RISK and finding.object_id is not None:
        return reverse("web:risks", args=[plan.pk]) + f"#r-{finding.object_id}"
    return ""


@login_required
def plan_page(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = access_plan(request.user, plan_id)
    year = request.GET.get("ar", "")
    change = newest_change()
    # The goal tree and the check of a large plan take most of the page's time; they are
    # remembered until the next change anywhere (a new audit entry).
    overview = cached_plan_overview(plan, int(year) if year.isdigit() else None, change)
    # Each language apart, should the findings' messages be in the reader's language.
    key = f"plan-check:{plan.pk}:{change}:{get_language()}"
    findings = cache.get(key)
    if findings is None:
        findings = check_plan(plan)
        cache.set(key, findings, ROLLUP_SECONDS)
    by_item: dict[str, list[str]] = {}
    for finding in findings:
        if finding.severity != "notering":
            by_item.setdefault(finding.where, []).append(finding.message)
    for row in overview.goals:
        for item in row.indicators:
            item.findings = by_item.get(item.indicator.name, [])
    texts = list(plan.texts.of_plan())
    reports = _report_rows(plan)
    history = AuditEntry.objects.for_objects([plan, *texts]).select_related("actor")
    return render(
        request,
        "web/plan.html",
        {
            "plan": plan,
            "overview": overview,
            "change": change,
            "findings": [(f, _fixed_at(plan, f)) for f in findings],
            "words": vocabulary(plan.body.municipality_id),
            "editable": can_edit(request.user, plan.body) and not plan.is_frozen,
            "can_change_state": can_edit(request.user, plan.body),
            "reports": reports,
            "open_reports": [
                r.occasion.name
                for r in reports
                if r.occasion.kind != "plan" and r.occasion.state != "adopted"
            ],
            "texts": texts,
            # Next year's plan, once copied: the page links it instead of offering the copy.
            "next_plan": Plan.objects.filter(body=plan.body, year=plan.year + 1).first(),
            "history": history.order_by("-at", "-pk")[:20],
            # The indicator pages' common prefix, so the template need not reverse a URL a row.
            "indicator_base": reverse("web:indicator", args=[plan.pk, 1]).removesuffix("1/"),
        },
    )


@login_required
def plan_texts(request: HttpRequest, plan_id: int) -> HttpResponse:
    """The plan's chapter texts, each editable in place."""
    plan = access_plan(request.user, plan_id)
    return render(
        request,
        "web/texts.html",
        {
            "plan": plan,
            "texts": plan.texts.of_plan(),
            "editable": can_edit(request.user, plan.body) and not plan.is_frozen,
            "images": plan_figures(plan),
            "image_list": plan.images.defer("content"),
            "can_add_images": can_edit(request.user, plan.body) and plan.state != PlanState.LOCKED,
        },
    )


@login_required
@require_POST
def add_text_image(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = access_plan(request.user, plan_id, write=True)
    back = f"{reverse('web:plan-texts', args=[plan.pk])}#bilder"
    upload = request.FILES.get("file")
    if upload is None:
        messages.error(request, _("Bild: välj en PNG- eller JPEG-fil."))
        return redirect(back)
    if upload.size is not None and upload.size > IMAGE_LIMIT:
        messages.error(
            request,
            _("%(name)s: bilden är %(size)s KiB; högst %(limit)s KiB.")
            % {"name": upload.name, "size": upload.size // 1024, "limit": IMAGE_LIMIT // 1024},
        )
        return redirect(back)
    try:
        image = do_add_text_image(
            plan, upload.name or "bild", upload.read(), request.POST.get("alt", ""),
            acting_user=request.user,
        )  # fmt: skip
    except (ImageRefused, PlanLocked) as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request,
            # Translators: %(code)s is the Markdown that shows the image; keep it as it is.
            _("Bilden är tillagd. Skriv %(code)s på en egen rad.")
            % {"code": f"![{image.alt}](bild:{image.key})"},
        )
    return redirect(back)


def _text_response(
    request: HttpRequest, context: dict[str, Any], status: int = 200
) -> HttpResponse:
    # htmx swaps the fragment in place; without JavaScript the editor is a page of its own.
    if request.headers.get("HX-Request") == "true":
        return render(request, "web/_text.html", context, status=status)
    if request.method == "POST" and status == 200:
        plan = context["plan"]
        return redirect(
            f"{reverse('web:plan-texts', args=[plan.pk])}#text-{context['chapter'].key}"
        )
    return render(request, "web/text_page.html", context, status=status)


@login_required
def text_edit(request: HttpRequest, plan_id: int, key: str) -> HttpResponse:
    """A chapter text's editor (GET) and saving it (POST); htmx swaps the fragment in place."""
    plan = access_plan(request.user, plan_id, write=request.method == "POST")
    chapter = plan.texts.of_plan().filter(key=key).first()
    if chapter is None:
        raise Http404(_("Texten finns inte."))
    editable = can_edit(request.user, plan.body) and not plan.is_frozen
    context: dict[str, Any] = {
        "plan": plan,
        "images": plan_figures(plan),
        "chapter": chapter,
        "based_on": fingerprint(chapter.text),
        "editable": editable,
        "conflict": None,
    }
    if request.method == "POST":
        text = request.POST.get("text", "")
        try:
            chapter = do_update_plan_text(
                plan, key, text, based_on=request.POST.get("based_on", ""),
                acting_user=request.user,
            )  # fmt: skip
        except EditConflict as exc:
            context.update(
                conflict=exc.current, mine=text, based_on=fingerprint(exc.current), editing=True
            )
            return _text_response(request, context, status=409)
        except PlanLocked as exc:
            context.update(error=str(exc))
            return _text_response(request, context, status=403)
        context.update(chapter=chapter, based_on=fingerprint(chapter.text), saved=True)
        return _text_response(request, context)
    context["editing"] = editable and request.GET.get("edit") == "1"
    return _text_response(request, context)


@login_required
@require_POST
def text_preview(request: HttpRequest, plan_id: int, key: str) -> HttpResponse:
    """How a chapter text being edited will read, rendered as the documents render it. It
    saves nothing; with htmx it fills the editor's preview, without it it is a page."""
    plan = access_plan(request.user, plan_id)
    chapter = plan.texts.of_plan().filter(key=key).first()
    if chapter is None:
        raise Http404(_("Texten finns inte."))
    context = {"plan": plan, "chapter": chapter, "text": request.POST.get("text", ""),
               "images": plan_figures(plan)}  # fmt: skip
    if request.headers.get("HX-Request") == "true":
        return render(request, "web/_text_preview.html", context)
    return render(request, "web/text_preview.html", context)


@login_required
@require_POST
def copy_to_next_year(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = access_plan(request.user, plan_id, write=False)
    if not can_edit(request.user, plan.body):
        raise PermissionDenied(_("Du får läsa men inte ändra den här planen."))
    if request.POST.get("confirm") != "yes":
        messages.error(
            request, _("Kryssa i att du vill kopiera planen till nästa år; ingen ny plan skapades.")
        )
        return redirect("web:plan", plan_id=plan.pk)
    try:
        new = do_copy_plan_to_next_year(plan, acting_user=request.user)
    except PlanExists as exc:
        messages.error(request, str(exc))
        return redirect("web:plan", plan_id=plan.pk)
    messages.success(
        request, _("%(new)s är påbörjad utifrån %(old)s.") % {"new": new.title, "old": plan.title}
    )
    return redirect("web:plan", plan_id=new.pk)


# {what}: "planen" or "rapporten" (see change_state and change_occasion_state).
CONFIRMED_STEPS = {
    "adopt": gettext_lazy("Kryssa i att du bekräftar beslutet; {what} fastställdes inte."),
    "revise": gettext_lazy("Kryssa i att du vill revidera; {what} öppnades inte för revidering."),
    "lock": gettext_lazy("Kryssa i att du bekräftar låsningen; {what} låstes inte."),
}


def _decision(request: HttpRequest) -> tuple[date | None, str | None]:
    """The decision's date and minute from the form, or an error message."""
    if not request.POST.get("adopted_on"):
        return None, None
    try:
        return date.fromisoformat(request.POST["adopted_on"]), None
    except ValueError:
        return None, _("Beslutsdatum ska skrivas ÅÅÅÅ-MM-DD.")


def _refused_unconfirmed(request: HttpRequest, step: str, what: str) -> bool:
    # Adoption, revision and locking cannot be undone from the interface: ask for a yes.
    if step in CONFIRMED_STEPS and request.POST.get("confirm") != "yes":
        messages.error(request, CONFIRMED_STEPS[step].format(what=what))
        return True
    return False


@login_required
@require_POST
def change_state(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = access_plan(request.user, plan_id, write=True)

    def step(name: str, adopted_on: date | None, minute: str) -> str:
        done = do_change_plan_state(
            plan, name, acting_user=request.user, adopted_on=adopted_on, adopted_minute=minute
        )
        # Translators: %(state)s is the plan's new state in lower case, e.g. "fastställd".
        return _("Planen är nu %(state)s.") % {"state": done.get_state_display().lower()}

    # Translators: the plan, in "…; planen fastställdes inte."
    return _take_step(request, step, _("planen"), reverse("web:plan", args=[plan.pk]))


@login_required
@require_POST
def change_occasion_state(request: HttpRequest, plan_id: int, occasion_key: str) -> HttpResponse:
    """A report's step on its way to a decision: submit, reopen, adopt or revise."""
    plan = access_plan(request.user, plan_id, write=True)
    # The plan's own occasion takes its steps as the plan (web:plan-state), not as a report.
    occasion = plan.occasions.filter(key=occasion_key).exclude(kind="plan").first()
    if occasion is None:
        raise Http404(_("Rapporten finns inte i planen."))

    def step(name: str, adopted_on: date | None, minute: str) -> str:
        done = do_change_occasion_state(
            occasion, name, acting_user=request.user, adopted_on=adopted_on, adopted_minute=minute
        )
        # Translators: e.g. "Delårsrapport är nu inlämnad."
        return _("%(report)s är nu %(state)s.") % {
            "report": done.name,
            "state": done.workflow_state_label.lower(),
        }

    # Translators: the report, in "…; rapporten fastställdes inte."
    what = _("rapporten")
    return _take_step(request, step, what, f"{reverse('web:plan', args=[plan.pk])}#rapporter")


@login_required
@require_POST
def change_occasion_deadline(request: HttpRequest, plan_id: int, occasion_key: str) -> HttpResponse:
    """A report's last day to report (sista dag att rapportera), which reporters are reminded
    of by e-mail; an empty date clears it."""
    plan = access_plan(request.user, plan_id, write=True)
    occasion = plan.occasions.filter(key=occasion_key).exclude(kind="plan").first()
    if occasion is None:
        raise Http404(_("Rapporten finns inte i planen."))
    occasion.plan = plan
    back = f"{reverse('web:plan', args=[plan.pk])}#rapporter"
    raw = request.POST.get("deadline", "").strip()
    try:
        deadline = date.fromisoformat(raw) if raw else None
    except ValueError:
        messages.error(request, _("Sista dag att rapportera ska skrivas ÅÅÅÅ-MM-DD."))
        return redirect(back)
    try:
        done = do_set_occasion_deadline(occasion, deadline, acting_user=request.user)
    except PlanLocked as exc:
        messages.error(request, str(exc))
        return redirect(back)
    if done.deadline is None:
        messages.success(
            request, _("%(report)s har ingen sista dag att rapportera.") % {"report": done.name}
        )
    else:
        messages.success(
            request,
            _("Sista dag att rapportera till %(report)s är %(deadline)s.")
            % {"report": done.name, "deadline": done.deadline.isoformat()},
        )
    return redirect(back)


def _take_step(
    request: HttpRequest,
    step: Callable[[str, date | None, str], str],
    what: str,
    back: str,
) -> HttpResponse:
    """The form's step through the workflow, confirmed where it cannot be undone; the outcome
    is said on the page it came from."""
    name = request.POST.get("step", "")
    adopted_on, error = _decision(request)
    if error:
        messages.error(request, error)
    elif not _refused_unconfirmed(request, name, what):
        try:
            messages.success(
                request, step(name, adopted_on, request.POST.get("adopted_minute", ""))
            )
        except InvalidTransition as exc:
            messages.error(request, str(exc))
    return redirect(back)
