"""The plan's budget tables, edited cell by cell with the sums derived as you type.

Before adoption the plan's own columns are edited; after adoption they are the decision and
only the follow-up columns of the report occasions (outcome, forecast, a typed deviation) take
amounts, until the plan is locked. Computed deviations and sums are never typed.
"""

from typing import Any

from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from styr.access.permissions import access_plan, can_edit
from styr.core.conflicts import StaleValue, seen_from_text, seen_text, stale_message
from styr.core.formatting import format_number
from styr.finance.actions import BudgetError, do_add_follow_up_columns, do_set_budget_cell
from styr.finance.models import (
    BudgetColumn,
    BudgetTable,
    RowKind,
    amounts,
    computed_sums,
    stated_amounts,
)
from styr.planfiles.nodes import parse_number
from styr.plans.actions import PlanLocked
from styr.plans.models import OccasionKind, Plan, PlanState


def posted_id(request: HttpRequest, name: str) -> int:
    """A posted object id; anything but digits names no object (0)."""
    raw = request.POST.get(name, "").strip()
    return int(raw) if raw.isdigit() and len(raw) < 19 else 0


def column_editable(plan: Plan, column: BudgetColumn) -> bool:
    """Whether the column's amounts may be typed in the plan's present state."""
    if column.is_computed or plan.state == PlanState.LOCKED:
        return False
    if column.is_follow_up and column.occasion is not None and column.occasion.is_decided:
        return False  # the report it belongs to is adopted: its amounts are decided
    return column.is_follow_up or not plan.is_frozen


def table_view(
    table: BudgetTable, kept: dict[tuple[int, int], str] | None = None, *, may_edit: bool = False
) -> dict[str, Any]:
    """A table as rows of cells: item rows editable where the column is, sum rows and computed
    deviations derived (and the stated sum shown beside a derived one that differs from it).

    `kept`: what an editor typed into a cell whose save was refused, shown again in it."""
    kept = kept or {}
    columns = list(table.columns.all())
    rows = list(table.rows.all())
    cells = stated_amounts(rows)
    sums = computed_sums(rows, cells, columns)
    shown = amounts(rows, columns)
    editable = {c.pk: may_edit and column_editable(table.plan, c) for c in columns}
    out = []
    for row in rows:
        line = []
        for column in columns:
            stated = cells.get((row.pk, column.pk))
            is_sum = row.kind == RowKind.SUM
            derived = (
                shown.get((row.pk, column.pk))
                if column.is_computed
                else sums.get((row.pk, column.pk))
            )
            line.append(
                {
                    "column": column,
                    "text": kept.get(
                        (row.pk, column.pk),
                        format_number(stated, table.decimals) if stated is not None else "",
                    ),
                    "kept": (row.pk, column.pk) in kept,
                    "seen": seen_text(stated),
                    "derived": format_number(derived, table.decimals)
                    if derived is not None
                    else "",
                    "computed": is_sum or column.is_computed,
                    "editable": editable[column.pk] and not is_sum,
                    "differs": is_sum
                    and not column.is_computed
                    and stated is not None
                    and derived is not None
                    and stated != derived,
                }
            )
        out.append({"row": row, "is_sum": row.kind == RowKind.SUM, "cells": line})
    return {"table": table, "columns": columns, "rows": out}


def _tables(plan: Plan, may_edit: bool) -> list[dict[str, Any]]:
    return [
        table_view(t, may_edit=may_edit)
        for t in plan.budget_tables.select_related("plan").prefetch_related(
            "columns__occasion",
            "columns__minuend__occasion",
            "columns__subtrahend__occasion",
            "rows__cells",
        )
    ]


def _page(
    request: HttpRequest, plan: Plan, tables: list[dict[str, Any]], **extra: Any
) -> dict[str, Any]:
    may_edit = can_edit(request.user, plan.body)
    prepared = {c.occasion_id for t in tables for c in t["columns"] if c.occasion_id is not None}
    occasions = [o for o in plan.occasions.exclude(kind=OccasionKind.PLAN) if o.pk not in prepared]
    return {
        "plan": plan,
        "tables": tables,
        "editable": may_edit and plan.state != PlanState.LOCKED,
        "frozen": plan.is_frozen,
        "unprepared": occasions if may_edit and plan.state != PlanState.LOCKED else [],
        **extra,
    }


@login_required
def budget_page(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = access_plan(request.user, plan_id)
    tables = _tables(plan, can_edit(request.user, plan.body))
    return render(request, "web/budget.html", _page(request, plan, tables))


@login_required
@require_POST
def budget_follow_up(request: HttpRequest, plan_id: int) -> HttpResponse:
    """Give the tables the follow-up columns of a report occasion (outcome, forecast,
    deviation), so its amounts can be entered."""
    plan = access_plan(request.user, plan_id, write=True)
    occasion = plan.occasions.filter(pk=posted_id(request, "occasion")).first()
    if occasion is None:
        raise Http404(_("Rapporttillfället finns inte i planen."))
    try:
        do_add_follow_up_columns(plan, occasion, acting_user=request.user)
    except (PlanLocked, BudgetError) as exc:
        page = _page(request, plan, _tables(plan, True), error=str(exc))
        return render(request, "web/budget.html", page, status=400)
    return redirect(reverse("web:budget", args=[plan.pk]))


def _where(row: Any, column: BudgetColumn) -> str:
    return f"{row.label}, {column.label}"


def _save(
    request: HttpRequest, table: BudgetTable, acting_user: AbstractBaseUser | AnonymousUser
) -> tuple[str, int, dict[tuple[int, int], str]]:
    """Save the posted amount: (error message or "", HTTP status, what to show again)."""
    row = table.rows.filter(pk=posted_id(request, "row"), kind=RowKind.ITEM).first()
    column = table.columns.filter(pk=posted_id(request, "column")).first()
    if row is None or column is None:
        return _("Raden eller kolumnen finns inte i tabellen."), 400, {}
    raw = request.POST.get("amount", "").strip()
    where = _where(row, column)
    try:
        amount = parse_number(raw) if raw else None
    except ValueError:
        message = _("%(where)s: ”%(raw)s” är inte ett belopp.") % {"where": where, "raw": raw}
        return message, 400, {(row.pk, column.pk): raw}
    try:
        do_set_budget_cell(
            row, column, amount, acting_user=acting_user,
            seen=seen_from_text(request.POST.get("seen")),
        )  # fmt: skip
    except (PlanLocked, BudgetError) as exc:
        return f"{where}: {exc}", 400, {}
    except StaleValue as exc:
        # Translators: what someone else changed, in "någon annan har ändrat beloppet till …".
        message = stale_message(where, _("beloppet"), exc, table.decimals, raw)
        return message, 409, {(row.pk, column.pk): raw}
    return "", 200, {}


@login_required
@require_POST
def budget_cell(request: HttpRequest, plan_id: int, table_id: int) -> HttpResponse:
    """Save one amount (POST), then answer with the table as it now stands."""
    plan = access_plan(request.user, plan_id, write=True)
    tables = plan.budget_tables.select_related("plan").prefetch_related(
        "columns__occasion",
        "columns__minuend__occasion",
        "columns__subtrahend__occasion",
        "rows__cells",
    )
    table = tables.filter(pk=table_id).first()
    if table is None:
        raise Http404(_("Tabellen finns inte i planen."))
    error, status, kept = _save(request, table, request.user)
    table = tables.get(pk=table.pk)
    view = {**table_view(table, kept, may_edit=True), "error": error}
    if request.headers.get("HX-Request") != "true":
        if not error:
            return redirect(f"{reverse('web:budget', args=[plan.pk])}#tabell-{table.pk}")
        # Without htmx the answer is a whole page, with the other tables as they stand.
        others = [view if t["table"].pk == table.pk else t for t in _tables(plan, True)]
        return render(request, "web/budget.html", _page(request, plan, others), status=status)
    context = {"plan": plan, "t": view, "editable": True}
    return render(request, "web/_budget_table.html", context, status=status)
