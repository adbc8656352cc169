"""The plan's budget tables, edited cell by cell with the sums derived as you type."""

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from styr.access.permissions import access_plan, can_edit
from styr.core.conflicts import StaleValue, seen_from_text, seen_text, stale_message
from styr.core.formatting import format_number
from styr.finance.actions import do_set_budget_cell
from styr.finance.models import BudgetTable, ColumnKind, RowKind, computed_sums, stated_amounts
from styr.planfiles.nodes import parse_number
from styr.plans.actions import PlanLocked
from styr.plans.models import Plan


def table_view(
    table: BudgetTable, kept: dict[tuple[int, int], str] | None = None
) -> dict[str, Any]:
    """A table as rows of cells: item rows editable, sum rows derived (and the stated sum
    shown beside a derived one that differs from it).

    `kept`: what an editor typed into a cell whose save was refused, shown again in it."""
    kept = kept or {}
    columns = list(table.columns.all())
    rows = list(table.rows.all())
    cells = stated_amounts(rows)
    sums = computed_sums(rows, cells, columns)
    out = []
    for row in rows:
        line = []
        for column in columns:
            stated = cells.get((row.pk, column.pk))
            derived = sums.get((row.pk, column.pk))
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
                    "differs": row.kind == RowKind.SUM
                    and stated is not None
                    and derived is not None
                    and stated != derived,
                }
            )
        out.append({"row": row, "is_sum": row.kind == RowKind.SUM, "cells": line})
    headers = [f"{ColumnKind(c.kind).label} {c.year}" for c in columns]
    return {"table": table, "headers": headers, "rows": out}


def _tables(plan: Plan) -> list[dict[str, Any]]:
    return [table_view(t) for t in plan.budget_tables.prefetch_related("columns", "rows__cells")]


@login_required
def budget_page(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = access_plan(request.user, plan_id)
    editable = can_edit(request.user, plan.body) and not plan.is_frozen
    return render(
        request, "web/budget.html", {"plan": plan, "tables": _tables(plan), "editable": editable}
    )


@login_required
@require_POST
def budget_cell(request: HttpRequest, plan_id: int, table_id: int) -> HttpResponse:
    """Save one amount (POST), then answer with the table as it now stands."""
    plan = access_plan(request.user, plan_id, write=True)
    table = (
        plan.budget_tables.prefetch_related("columns", "rows__cells").filter(pk=table_id).first()
    )
    if table is None:
        raise Http404("Tabellen finns inte i planen.")
    row = table.rows.filter(pk=request.POST.get("row") or 0, kind=RowKind.ITEM).first()
    column = table.columns.filter(pk=request.POST.get("column") or 0).first()
    error = ""
    status = 400
    kept: dict[tuple[int, int], str] = {}
    if row is None or column is None:
        error = "Raden eller kolumnen finns inte i tabellen."
    else:
        raw = request.POST.get("amount", "").strip()
        where = f"{row.label}, {ColumnKind(column.kind).label} {column.year}"
        try:
            amount = parse_number(raw) if raw else None
        except ValueError:
            error = f"{where}: ”{raw}” är inte ett belopp."
            kept[(row.pk, column.pk)] = raw
        else:
            try:
                do_set_budget_cell(
                    row, column, amount, acting_user=request.user,
                    seen=seen_from_text(request.POST.get("seen")),
                )  # fmt: skip
            except PlanLocked as exc:
                error = str(exc)
            except StaleValue as exc:
                error = stale_message(where, "beloppet", exc, table.decimals, raw)
                kept[(row.pk, column.pk)] = raw
                status = 409
    table = plan.budget_tables.prefetch_related("columns", "rows__cells").get(pk=table.pk)
    view = {**table_view(table, kept), "error": error}
    context = {"plan": plan, "t": view, "editable": True}
    if request.headers.get("HX-Request") != "true":
        if not error:
            return redirect(f"{reverse('web:budget', args=[plan.pk])}#tabell-{table.pk}")
        # Without htmx the answer is a whole page, with the other tables as they stand.
        tables = [view if t["table"].pk == table.pk else t for t in _tables(plan)]
        page = {"plan": plan, "tables": tables, "editable": True}
        return render(request, "web/budget.html", page, status=status if error else 200)
    return render(request, "web/_budget_table.html", context, status=status if error else 200)
