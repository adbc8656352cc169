"""The plan's item lists: digitalisation initiatives, premises needs, competence needs."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from styr.access.permissions import access_plan, can_edit
from styr.core.conflicts import StaleRecord
from styr.plans.actions import PlanLocked, do_delete_plan_item, do_save_plan_item
from styr.plans.items import KINDS, ItemKind
from styr.plans.models import Plan, PlanItemBase
from styr.web.forms import CONFLICT, plan_item_form
from styr.web.views.editing import edit_response


def _kind(slug: str) -> ItemKind:
    kind = KINDS.get(slug)
    if kind is None:
        raise Http404(_("Planen har ingen sådan del."))
    return kind


def _item(plan: Plan, kind: ItemKind, item_id: int) -> PlanItemBase:
    item = kind.model._default_manager.filter(plan=plan, pk=item_id).first()
    if item is None:
        raise Http404(_("Posten finns inte i planen."))
    return item


def _list_url(plan: Plan, kind: ItemKind) -> str:
    return reverse("web:plan-items", args=[plan.pk, kind.slug])


@login_required
def items_page(request: HttpRequest, plan_id: int, slug: str) -> HttpResponse:
    plan = access_plan(request.user, plan_id)
    kind = _kind(slug)
    editable = can_edit(request.user, plan.body) and not plan.is_frozen
    form_class = plan_item_form(kind)
    items = kind.model._default_manager.filter(plan=plan)
    context = {
        "plan": plan,
        "kind": kind,
        "kinds": KINDS.values(),
        "items": items,
        "new": form_class() if editable else None,
        "editable": editable,
    }
    return render(request, "web/plan_items.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def save_item(request: HttpRequest, plan_id: int, slug: str, item_id: int = 0) -> HttpResponse:
    plan = access_plan(request.user, plan_id, write=True)
    kind = _kind(slug)
    item = _item(plan, kind, item_id) if item_id else None
    if request.method == "GET":
        if item is None:
            return redirect(_list_url(plan, kind))
        form = plan_item_form(kind)(instance=item)
        context = {"plan": plan, "kind": kind, "item": item, "form": form, "error": ""}
        return edit_response(request, "web/plan_item_page.html", context, button=_("Spara"))
    form = plan_item_form(kind)(request.POST, instance=item)
    context = {"plan": plan, "kind": kind, "item": item, "form": form, "error": ""}
    if form.is_valid():
        try:
            saved = do_save_plan_item(
                plan, kind, item, form.cleaned_data, acting_user=request.user,
                expect=form.expectation(),
            )  # fmt: skip
        except StaleRecord as stale:
            form.rebase(stale.current)
            context.update(item=stale.current, error=CONFLICT)
            return render(request, "web/plan_item_page.html", context, status=409)
        except PlanLocked as exc:
            context["error"] = str(exc)
            return render(request, "web/plan_item_page.html", context, status=403)
        return redirect(f"{_list_url(plan, kind)}#p-{saved.pk}")
    return render(request, "web/plan_item_page.html", context, status=400)


@login_required
@require_POST
def delete_item(request: HttpRequest, plan_id: int, slug: str, item_id: int) -> HttpResponse:
    plan = access_plan(request.user, plan_id, write=True)
    kind = _kind(slug)
    item = _item(plan, kind, item_id)
    try:
        do_delete_plan_item(plan, item, acting_user=request.user)
    except PlanLocked as exc:
        context = {"plan": plan, "kind": kind, "item": item, "form": None, "error": str(exc)}
        return render(request, "web/plan_item_page.html", context, status=403)
    return redirect(_list_url(plan, kind))
