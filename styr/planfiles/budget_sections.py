"""Importing a plan file's budget tables: columns (with their formulas and report occasions),
rows and cells, as the file states them."""

import re

from django.utils.translation import gettext as _

from styr.assignments.models import CostUnit
from styr.finance.models import (
    BudgetCell,
    BudgetColumn,
    BudgetRow,
    BudgetTable,
    ColumnKind,
    RowKind,
    TableKind,
    placeholder_message,
    unknown_placeholders,
)
from styr.planfiles.keys import KeyRegistry
from styr.planfiles.nodes import Node, quoted
from styr.planfiles.plan_sections import occasion_of
from styr.planfiles.sync import Tally, delete_missing, upsert
from styr.planfiles.texts import opt_text, req_text
from styr.plans.models import Plan, ReportOccasion


def import_budget_tables(
    root: Node, plan: Plan, occasions: dict[str, ReportOccasion], tally: Tally
) -> None:
    nodes = root.get("budget_tables")
    registry = KeyRegistry("budget_tables")
    keep = []
    for position, item in enumerate(nodes.list() if nodes else []):
        item.check_keys({"key", "kind", "title", "unit", "decimals", "columns", "rows", "comment"})
        title = req_text(item, "title")
        unit = item.get("unit")
        decimals = item.get("decimals")
        table = upsert(
            tally,
            BudgetTable,
            {"plan": plan, "key": registry.take(item, title)},
            {
                "kind": item.req("kind").choice(set(TableKind.values)),
                "title": title,
                "unit": unit.choice(set(CostUnit.values)) if unit else CostUnit.MNKR,
                "decimals": decimals.integer(minimum=0, maximum=4) if decimals else 1,
                "comment": opt_text(item, "comment"),
                "position": position,
            },
            at=item,
        )
        keep.append(table.pk)
        columns = _import_columns(item, table, occasions, tally)
        _import_rows(item, table, columns, tally)
    delete_missing(tally, plan.budget_tables.all(), keep, at=nodes)


def _import_columns(
    item: Node, table: BudgetTable, occasions: dict[str, ReportOccasion], tally: Tally
) -> dict[str, BudgetColumn]:
    registry = KeyRegistry("columns")
    columns: dict[str, BudgetColumn] = {}
    formulas: list[tuple[BudgetColumn, Node, Node | None]] = []
    fields = {"key", "kind", "year", "label", "occasion", "from", "to", "formula"}
    for position, col in enumerate(item.req("columns").list()):
        col.check_keys(fields)
        kind = col.req("kind").choice(set(ColumnKind.values))
        year = col.req("year").year()
        key = registry.take(col, f"{kind}-{year}")
        occasion_node = col.get("occasion")
        start, end = col.get("from"), col.get("to")
        period = (start.date() if start else None, end.date() if end else None)
        if period[0] and period[1] and period[0] > period[1]:
            raise col.error(
                _(
                    "perioden slutar (%(end)s) innan den börjar (%(start)s); to: ska vara samma "
                    "dag som from: eller senare"
                )
                % {"end": period[1], "start": period[0]}
            )
        formula = col.get("formula")
        label = opt_text(col, "label")
        unknown = unknown_placeholders(label)
        if unknown:
            raise col.req("label").error(placeholder_message(unknown))
        columns[key] = upsert(
            tally,
            BudgetColumn,
            {"table": table, "key": key},
            {
                "kind": kind,
                "year": year,
                "label_template": label,
                "occasion": occasion_of(occasions, occasion_node, occasion_node.text().strip())
                if occasion_node
                else None,
                "period_start": period[0],
                "period_end": period[1],
                "position": position,
            },
            at=col,
        )
        formulas.append((columns[key], col, formula))
    # The columns a deviation refers to may come after it: set formulas once all exist.
    for column, col, formula in formulas:
        refs = parse_formula(formula, column, columns) if formula else (None, None)
        upsert(tally, BudgetColumn, {}, {"minuend": refs[0], "subtrahend": refs[1]},
               existing=column, at=formula or col)  # fmt: skip
    delete_missing(tally, table.columns.all(), [c.pk for c in columns.values()], at=item)
    return columns


def parse_formula(
    node: Node, column: BudgetColumn, columns: dict[str, BudgetColumn]
) -> tuple[BudgetColumn, BudgetColumn]:
    """`prognos-delar - budget-2024`: the two columns whose difference the deviation is.

    Keys have hyphens of their own, so the minus between them stands between spaces."""
    parts = re.split(r"\s+[-−]\s+", node.text().strip())
    if len(parts) != 2 or not all(parts):
        raise node.error(
            _(
                "skriv formeln som två kolumnnycklar med ett minustecken och mellanslag på båda "
                "sidor, t.ex. ”prognos-delar - budget-2024”"
            )
        )
    found = []
    for key in parts:
        other = columns.get(key)
        if other is None:
            raise node.error(
                _("%(key)s är ingen kolumn i tabellen (kolumnerna: %(known)s)")
                % {"key": quoted(key), "known": ", ".join(columns)}
            )
        found.append(other)
    problem = column.formula_problem(found[0], found[1])
    if problem:
        raise node.error(problem)
    return found[0], found[1]


def _import_rows(
    item: Node, table: BudgetTable, columns: dict[str, BudgetColumn], tally: Tally
) -> None:
    registry = KeyRegistry("rows")
    rows = []
    nodes = item.get("rows")
    for position, row_node in enumerate(nodes.list() if nodes else []):
        row_node.check_keys({"key", "label", "kind", "cells", "comment"})
        label = req_text(row_node, "label")
        kind = row_node.get("kind")
        row = upsert(
            tally,
            BudgetRow,
            {"table": table, "key": registry.take(row_node, label)},
            {
                "label": label,
                "kind": kind.choice(set(RowKind.values)) if kind else RowKind.ITEM,
                "comment": opt_text(row_node, "comment"),
                "position": position,
            },
            at=row_node,
        )
        rows.append(row.pk)
        cells = []
        cell_nodes = row_node.get("cells")
        for column_key, cell in cell_nodes.items() if cell_nodes else []:
            column = columns.get(column_key)
            if column is None:
                raise cell.error(
                    _("%(key)s är ingen kolumn i tabellen (kolumnerna: %(known)s)")
                    % {"key": quoted(column_key), "known": ", ".join(columns)}
                )
            if column.is_computed:
                raise cell.error(
                    _(
                        "%(key)s räknas ut med formeln (%(formula)s); skriv inga belopp i den "
                        "kolumnen"
                    )
                    % {"key": quoted(column_key), "formula": column.formula}
                )
            cells.append(
                upsert(
                    tally,
                    BudgetCell,
                    {"row": row, "column": column},
                    {"amount": cell.decimal()},
                    at=cell,
                ).pk
            )
        delete_missing(tally, row.cells.all(), cells, at=cell_nodes or row_node)
    delete_missing(tally, table.rows.all(), rows, at=nodes or item)
