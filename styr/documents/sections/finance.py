"""Budget tables: operating budget, investments, development; in reports, outcome against budget."""

from decimal import ROUND_HALF_UP, Decimal

from styr.core.formatting import format_number
from styr.documents.blocks import register
from styr.documents.context import DocumentContext
from styr.documents.spec import BlockSchema, BlockSpec, PlacementError
from styr.documents.tree import Align, Cell, Table
from styr.finance.models import (
    BudgetColumn,
    BudgetTable,
    ColumnKind,
    RowKind,
    TableKind,
    amounts,
)

SCHEMA = BlockSchema(
    {"kind": "texts", "comment_heading": "text", "row_comments": "bool", "report": "bool"},
    shorthand="kind",
    choices={"kind": frozenset(TableKind.values)},
)


def _rounded(amount: Decimal | None, decimals: int) -> Decimal | None:
    # Half up, as format_number prints it.
    return (
        None
        if amount is None
        else amount.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    )


def report_columns(
    ctx: DocumentContext, columns: list[BudgetColumn]
) -> tuple[list[BudgetColumn], bool]:
    """The columns a report prints, and whether it adds the old computed deviation.

    A report whose occasion has columns of its own prints the plan year's decided budget and
    then those (outcome for the period, forecast, deviation, as the table defines them). A
    report without them prints the plan year's columns and a deviation of outcome (or
    forecast) against budget."""
    own = [c for c in columns if c.occasion_id == ctx.occasion.pk and c.is_follow_up]
    decided = [c for c in columns if not c.is_follow_up and c.year == ctx.year]
    if own:
        budgets = {ColumnKind.BUDGET, ColumnKind.REVISED_BUDGET}
        return [c for c in decided if c.kind in budgets] + own, False
    return decided, True


class MissingTable(PlacementError):
    """A template places a table, or a column, the plan does not have."""


def chosen_columns(
    ctx: DocumentContext, table: BudgetTable, every: list[BudgetColumn], selectors: list[str],
    where: str,
) -> list[BudgetColumn]:  # fmt: skip
    """The columns a template asks for, in its order: `decided` (the plan year's budget and
    revised budget), `occasion` (the report's own follow-up columns), `previous` (the decided
    columns of earlier years) or a column's key."""
    chosen: list[BudgetColumn] = []
    for selector in selectors:
        if selector == "decided":
            picked = [c for c in every if not c.is_follow_up and c.year == ctx.year]
        elif selector == "occasion":
            picked = [c for c in every if c.is_follow_up and c.occasion_id == ctx.occasion.pk]
        elif selector == "previous":
            picked = [c for c in every if not c.is_follow_up and c.year < ctx.year]
        else:
            picked = [c for c in every if c.key == selector]
            if not picked:
                keys = ", ".join(c.key for c in every)
                raise MissingTable(
                    f"{where}: budgettabellen {table.key} har ingen kolumn {selector!r} "
                    f"(kolumner: {keys}; eller decided, occasion, previous)"
                )
        chosen += [c for c in picked if c not in chosen]
    return chosen


def budget_table(
    ctx: DocumentContext, table: BudgetTable, *, report: bool,
    selectors: list[str] | None = None, labels: dict[str, str] | None = None,
    caption: str = "", where: str = "",
) -> Table:  # fmt: skip
    every = list(table.columns.all())
    if selectors:
        columns, old_deviation = chosen_columns(ctx, table, every, selectors, where), False
    elif report:
        columns, old_deviation = report_columns(ctx, every)
    else:
        # The plan prints what it decides; follow-up columns belong to the reports.
        columns, old_deviation = [c for c in every if not c.is_follow_up], False
    rows = list(table.rows.all())
    shown = amounts(rows, columns, decimals=table.decimals)
    budget = next((c for c in columns if c.kind == ColumnKind.BUDGET), None)
    actual = next((c for c in columns if c.kind == ColumnKind.OUTCOME), None) or next(
        (c for c in columns if c.kind == ColumnKind.FORECAST), None
    )
    deviation = old_deviation and budget is not None and actual is not None
    # A template can print a column under the report's own word ("Bokslut" for an outcome),
    # by the column's key or by its kind.
    relabel = labels or {}
    header = [relabel.get("title", table.title)] + [
        ctx.fill(relabel.get(c.key) or relabel.get(c.kind) or c.label) for c in columns
    ]
    if deviation:
        header.append(str(ColumnKind.DEVIATION.label))
    body = []
    sum_rows = set()
    for index, row in enumerate(rows):
        values = [shown.get((row.pk, c.pk)) for c in columns]
        line = [Cell(row.label, bold=row.kind == RowKind.SUM)] + [
            Cell(format_number(a, table.decimals), bold=row.kind == RowKind.SUM) for a in values
        ]
        if deviation:
            assert budget is not None and actual is not None
            # The deviation of the amounts as printed, so that each row adds up on paper.
            planned = _rounded(values[columns.index(budget)], table.decimals)
            real = _rounded(values[columns.index(actual)], table.decimals)
            diff = real - planned if planned is not None and real is not None else None
            line.append(Cell(format_number(diff, table.decimals)))
        if row.kind == RowKind.SUM:
            sum_rows.add(index)
        body.append(tuple(line))
    width = len(header) - 1
    return Table(
        caption=ctx.fill(caption) or f"{table.title} ({table.get_unit_display()})",
        header=tuple(header),
        rows=tuple(body),
        align=(Align.LEFT,) + (Align.RIGHT,) * width,
        widths=(5,) + (2,) * width,
        sum_rows=frozenset(sum_rows),
    )


@register("budget_tables", SCHEMA)
def build_budget_tables(ctx: DocumentContext, spec: BlockSpec) -> None:
    """The plan's budget tables of the given kinds, each with its comment and row comments."""
    tables = ctx.plan.budget_tables.prefetch_related(
        "columns__occasion", "columns__minuend", "columns__subtrahend", "rows__cells"
    )
    kinds = spec.texts("kind")
    if kinds:
        tables = tables.filter(kind__in=kinds)
    report = spec.flag("report")
    # The tables first, then what is said about them, as a budget chapter reads.
    for table in tables:
        ctx.add(budget_table(ctx, table, report=report))
    if report:
        return  # the plan's comments explain the budget, not this report's outcome
    for table in tables:
        if table.comment:
            ctx.subheading(spec.text("comment_heading"))
            ctx.text(table.comment)
        if spec.flag("row_comments", True):
            for row in table.rows.all():
                if row.comment:
                    ctx.subheading(row.label)
                    ctx.text(row.comment)


NAMED = BlockSchema(
    {"key": "text", "columns": "texts", "labels": "map", "caption": "text", "report": "bool",
     "comment": "bool"},
    shorthand="key",
    required=frozenset({"key"}),
)  # fmt: skip


@register("budget_table", NAMED)
def build_budget_table(ctx: DocumentContext, spec: BlockSpec) -> None:
    """One named budget table, with the columns the template chooses, under its own labels:

    `budget_table: {key: investeringar, columns: [decided, occasion], labels: {outcome:
    Bokslut}}`. A table the plan does not have stops the document with the template's line."""
    key = spec.text("key")
    tables = ctx.plan.budget_tables.prefetch_related(
        "columns__occasion", "columns__minuend", "columns__subtrahend", "rows__cells"
    )
    table = next((t for t in tables if t.key == key), None)
    if table is None:
        known = ", ".join(t.key for t in tables) or "inga"
        raise MissingTable(
            f"{spec.where}: budget_table: planen har ingen budgettabell {key!r} "
            f"(tabeller: {known})"
        )
    ctx.add(
        budget_table(
            ctx,
            table,
            report=spec.flag("report", not ctx.occasion.is_plan),
            selectors=spec.texts("columns"),
            labels=spec.mapping("labels"),
            caption=spec.text("caption"),
            where=spec.where,
        )  # fmt: skip
    )
    if spec.flag("comment") and table.comment:
        ctx.text(table.comment)
