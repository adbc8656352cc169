"""A body's plan: overview, document preview and download, chapter texts, state."""

from datetime import date
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from styr.access.permissions import access_body, access_plan, can_edit
from styr.audit.models import AuditEntry
from styr.documents.produce import DocumentError, document_for
from styr.documents.render import CONTENT_TYPES, Format
from styr.documents.render import render as render_document
from styr.documents.render.html import render_article
from styr.planfiles.check import check_plan
from styr.plans.actions import (
    EditConflict,
    InvalidTransition,
    PlanLocked,
    do_change_plan_state,
    do_update_plan_text,
    fingerprint,
)
from styr.plans.copying import PlanExists, do_copy_plan_to_next_year
from styr.web.overview import ROLLUP_SECONDS, cached_plan_overview, newest_change

DOCUMENTS = {"namndplan": "Nämndplan", "delarsrapport": "Delårsrapport", "arsrapport": "Årsrapport"}


@login_required
def body_overview(request: HttpRequest, body_id: int) -> HttpResponse:
    body = access_body(request.user, body_id)
    plan = body.plans.order_by("-year").first()
    if plan is None:
        return render(request, "web/body.html", {"body": body, "overview": None})
    return redirect("web:plan", plan_id=plan.pk)


@login_required
def plan_page(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = access_plan(request.user, plan_id)
    year = request.GET.get("ar", "")
    change = newest_change()
    # The goal tree and the check of a large plan take most of the page's time; they are
    # remembered until the next change anywhere (a new audit entry).
    overview = cached_plan_overview(plan, int(year) if year.isdigit() else None)
    key = f"plan-check:{plan.pk}:{change}"
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
    texts = list(plan.texts.all())
    history = AuditEntry.objects.for_objects([plan, *texts]).select_related("actor")
    return render(
        request,
        "web/plan.html",
        {
            "plan": plan,
            "overview": overview,
            "change": change,
            "findings": findings,
            "editable": can_edit(request.user, plan.body) and not plan.is_frozen,
            "can_change_state": can_edit(request.user, plan.body),
            "documents": DOCUMENTS,
            "texts": texts,
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
            "texts": plan.texts.all(),
            "editable": can_edit(request.user, plan.body) and not plan.is_frozen,
        },
    )


@login_required
def document_preview(request: HttpRequest, plan_id: int, template: str) -> HttpResponse:
    plan = access_plan(request.user, plan_id)
    try:
        document = document_for(plan, template)
    except DocumentError as exc:
        raise Http404(str(exc)) from None
    return render(
        request,
        "web/document.html",
        {"plan": plan, "template": template, "article": render_article(document),
         "title": document.title, "formats": ["pdf", "docx", "html"]},
    )  # fmt: skip


@login_required
def document_download(request: HttpRequest, plan_id: int, template: str, fmt: str) -> HttpResponse:
    plan = access_plan(request.user, plan_id)
    if fmt not in Format.__members__.values():
        raise Http404("Okänt format.")
    try:
        document = document_for(plan, template)
    except DocumentError as exc:
        raise Http404(str(exc)) from None
    format = Format(fmt)
    response = HttpResponse(render_document(document, format), content_type=CONTENT_TYPES[format])
    name = f"{plan.body.code.lower()}-{template}-{plan.year}.{fmt}"
    disposition = "inline" if format == Format.PDF else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{name}"'
    return response


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
    chapter = plan.texts.filter(key=key).first()
    if chapter is None:
        raise Http404("Texten finns inte.")
    editable = can_edit(request.user, plan.body) and not plan.is_frozen
    context: dict[str, Any] = {
        "plan": plan,
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
def copy_to_next_year(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = access_plan(request.user, plan_id, write=False)
    if not can_edit(request.user, plan.body):
        raise PermissionDenied("Du får läsa men inte ändra den här planen.")
    try:
        new = do_copy_plan_to_next_year(plan, acting_user=request.user)
    except PlanExists as exc:
        messages.error(request, str(exc))
        return redirect("web:plan", plan_id=plan.pk)
    messages.success(request, f"{new.title} är påbörjad utifrån {plan.title}.")
    return redirect("web:plan", plan_id=new.pk)


CONFIRMED_STEPS = {
    "adopt": "Kryssa i att du bekräftar beslutet; planen fastställdes inte.",
    "lock": "Kryssa i att du bekräftar låsningen; planen låstes inte.",
}


@login_required
@require_POST
def change_state(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = access_plan(request.user, plan_id, write=True)
    step = request.POST.get("step", "")
    # Adoption and locking cannot be undone from the interface: ask for an explicit yes.
    if step in CONFIRMED_STEPS and request.POST.get("confirm") != "yes":
        messages.error(request, CONFIRMED_STEPS[step])
        return redirect("web:plan", plan_id=plan.pk)
    adopted_on = None
    if request.POST.get("adopted_on"):
        try:
            adopted_on = date.fromisoformat(request.POST["adopted_on"])
        except ValueError:
            messages.error(request, "Beslutsdatum ska skrivas ÅÅÅÅ-MM-DD.")
            return redirect("web:plan", plan_id=plan.pk)
    try:
        plan = do_change_plan_state(
            plan, step, acting_user=request.user,
            adopted_on=adopted_on, adopted_minute=request.POST.get("adopted_minute", ""),
        )  # fmt: skip
    except InvalidTransition as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"Planen är nu {plan.get_state_display().lower()}.")
    return redirect("web:plan", plan_id=plan.pk)
