"""The plan's budget tables, edited cell by cell with the sums derived as you type."""

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from styr.access.permissions import access_plan, can_edit
from styr.core.formatting import format_number
from styr.finance.actions import do_set_budget_cell
from styr.finance.models import BudgetTable, ColumnKind, RowKind, computed_sums, stated_amounts
from styr.planfiles.nodes import parse_number
from styr.plans.actions import PlanLocked
from styr.plans.models import Plan


def table_view(table: BudgetTable) -> dict[str, Any]:
    """A table as rows of cells: item rows editable, sum rows derived (and the stated sum
    shown beside a derived one that differs from it)."""
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
                    "text": format_number(stated, table.decimals) if stated is not None else "",
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
    if row is None or column is None:
        error = "Raden eller kolumnen finns inte i tabellen."
    else:
        raw = request.POST.get("amount", "").strip()
        try:
            amount = parse_number(raw) if raw else None
        except ValueError:
            where = f"{row.label}, {ColumnKind(column.kind).label} {column.year}"
            error = f"{where}: ”{raw}” är inte ett belopp."
        else:
            try:
                do_set_budget_cell(row, column, amount, acting_user=request.user)
            except PlanLocked as exc:
                error = str(exc)
    table = plan.budget_tables.prefetch_related("columns", "rows__cells").get(pk=table.pk)
    context = {"plan": plan, "t": table_view(table), "editable": True, "error": error}
    if request.headers.get("HX-Request") != "true" and not error:
        return redirect(f"{reverse('web:budget', args=[plan.pk])}#tabell-{table.pk}")
    return render(request, "web/_budget_table.html", context, status=400 if error else 200)
