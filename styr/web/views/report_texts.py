"""A report's own chapter texts: what the delårsrapport or årsrapport says in its chapters,
written for that report without touching the plan's texts or another report's."""

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from styr.access.permissions import access_plan, can_edit
from styr.documents.build import plan_figures
from styr.documents.produce import documents_by_kind
from styr.documents.templates import TemplateError, template_for, text_slots
from styr.plans.actions import EditConflict, PlanLocked, do_write_report_text, fingerprint
from styr.plans.models import Plan, PlanText, ReportOccasion

MAX_TEXT = 100_000  # characters: a chapter, not a book; longer is refused before it is stored


@dataclass
class Slot:
    """A chapter text the report's template places, with the report's own text if written."""

    key: str
    title: str
    own: PlanText | None
    plans: PlanText | None  # the plan's text of the key, which the report prints otherwise

    @property
    def based_on(self) -> str:
        return fingerprint(self.own.text if self.own else "")


def _occasion(plan: Plan, key: str) -> ReportOccasion:
    occasion = plan.occasions.filter(key=key).exclude(kind="plan").first()
    if occasion is None:
        raise Http404(_("Rapporten finns inte i planen."))
    occasion.plan = plan
    return occasion


def _slots(plan: Plan, occasion: ReportOccasion) -> list[Slot]:
    texts = list(plan.texts.filter(occasion__isnull=True) | plan.texts.filter(occasion=occasion))
    own = {t.key: t for t in texts if t.occasion_id == occasion.pk}
    plans = {t.key: t for t in texts if t.occasion_id is None}
    try:
        spec = template_for(
            plan.body.municipality, documents_by_kind(plan.body.municipality_id)[occasion.kind]
        )
        placed = text_slots(spec)
    except TemplateError:
        placed = []
    slots: list[Slot] = []
    for key, heading in placed + [(k, t.title) for k, t in own.items()]:
        if any(s.key == key for s in slots):
            continue
        base = plans.get(key)
        title = (base.title if base and base.title else "") or (
            heading if "{" not in heading else key
        )
        slots.append(Slot(key, own[key].title if key in own else title, own.get(key), base))
    return slots


@login_required
def report_texts(request: HttpRequest, plan_id: int, occasion_key: str) -> HttpResponse:
    plan = access_plan(request.user, plan_id)
    occasion = _occasion(plan, occasion_key)
    return _page(request, plan, occasion)


def _page(
    request: HttpRequest,
    plan: Plan,
    occasion: ReportOccasion,
    *,
    status: int = 200,
    error: str = "",
    kept: tuple[str, str] = ("", ""),
) -> HttpResponse:
    editable = (
        can_edit(request.user, plan.body) and plan.state == "adopted" and not occasion.is_decided
    )
    return render(
        request,
        "web/report_texts.html",
        {
            "plan": plan,
            "occasion": occasion,
            "slots": _slots(plan, occasion),
            "images": plan_figures(plan),
            "editable": editable,
            "error": error,
            "kept_key": kept[0],
            "kept_text": kept[1],
        },
        status=status,
    )


@login_required
def report_text_save(
    request: HttpRequest, plan_id: int, occasion_key: str, key: str
) -> HttpResponse:
    if request.method != "POST":
        return redirect("web:report-texts", plan_id=plan_id, occasion_key=occasion_key)
    plan = access_plan(request.user, plan_id, write=True)
    occasion = _occasion(plan, occasion_key)
    slot = next((s for s in _slots(plan, occasion) if s.key == key), None)
    if slot is None:
        raise Http404(_("Rapporten har ingen sådan text."))
    text = request.POST.get("text", "")
    if len(text) > MAX_TEXT:
        error = _("%(title)s: texten är %(length)s tecken; högst %(limit)s går att spara.") % {
            "title": slot.title,
            "length": len(text),
            "limit": MAX_TEXT,
        }
        return _page(request, plan, occasion, status=400, error=error, kept=(key, text))
    try:
        do_write_report_text(
            occasion, key, text, title=slot.title,
            based_on=request.POST.get("based_on", ""), acting_user=request.user,
        )  # fmt: skip
    except PlanLocked as exc:
        return _page(request, plan, occasion, status=403, error=str(exc))
    except EditConflict:
        error = _(
            "%(title)s: någon annan har sparat texten medan du skrev. Den sparade texten visas "
            "nu; din text står kvar i rutan så att du kan föra över det som saknas och spara "
            "igen."
        ) % {"title": slot.title}
        return _page(request, plan, occasion, status=409, error=error, kept=(key, text))
    if text.strip():
        messages.success(
            request,
            _("%(title)s: texten är sparad i %(report)s.")
            % {"title": slot.title, "report": occasion.name},
        )
    else:
        messages.success(
            request,
            _("%(title)s: %(report)s skriver åter ut planens text.")
            % {"title": slot.title, "report": occasion.name},
        )
    return redirect(f"{reverse('web:report-texts', args=[plan.pk, occasion.key])}#text-{key}")
