"""Budget tables: operating budget, investments, development; in reports, outcome against budget."""

from decimal import Decimal

from styr.core.formatting import format_number
from styr.documents.blocks import register
from styr.documents.context import DocumentContext
from styr.documents.spec import BlockSchema, BlockSpec
from styr.documents.tree import Align, Cell, Table
from styr.finance.models import (
    BudgetColumn,
    BudgetTable,
    ColumnKind,
    RowKind,
    TableKind,
    computed_sums,
    stated_amounts,
)

SCHEMA = BlockSchema(
    {"kind": "texts", "comment_heading": "text", "row_comments": "bool", "report": "bool"},
    shorthand="kind",
    choices={"kind": frozenset(TableKind.values)},
)


def _rounded(amount: Decimal | None, decimals: int) -> Decimal | None:
    return None if amount is None else amount.quantize(Decimal(1).scaleb(-decimals))


def _column_label(column: BudgetColumn) -> str:
    return f"{ColumnKind(column.kind).label} {column.year}"


def budget_table(ctx: DocumentContext, table: BudgetTable, *, report: bool) -> Table:
    columns = list(table.columns.all())
    if report:
        # A report shows the plan year: its budget against its forecast or outcome.
        columns = [c for c in columns if c.year == ctx.year]
    rows = list(table.rows.all())
    cells = stated_amounts(rows)
    sums = computed_sums(rows, cells, columns)
    budget = next((c for c in columns if c.kind == ColumnKind.BUDGET), None)
    actual = next((c for c in columns if c.kind == ColumnKind.OUTCOME), None) or next(
        (c for c in columns if c.kind == ColumnKind.FORECAST), None
    )
    deviation = report and budget is not None and actual is not None
    header = [table.title] + [_column_label(c) for c in columns]
    if deviation:
        header.append("Avvikelse")
    body = []
    sum_rows = set()
    for index, row in enumerate(rows):
        amounts = [cells.get((row.pk, c.pk), sums.get((row.pk, c.pk))) for c in columns]
        line = [Cell(row.label, bold=row.kind == RowKind.SUM)] + [
            Cell(format_number(a, table.decimals), bold=row.kind == RowKind.SUM) for a in amounts
        ]
        if deviation:
            assert budget is not None and actual is not None
            # The deviation of the amounts as printed, so that each row adds up on paper.
            planned = _rounded(amounts[columns.index(budget)], table.decimals)
            real = _rounded(amounts[columns.index(actual)], table.decimals)
            diff = real - planned if planned is not None and real is not None else None
            line.append(Cell(format_number(diff, table.decimals)))
        if row.kind == RowKind.SUM:
            sum_rows.add(index)
        body.append(tuple(line))
    width = len(header) - 1
    return Table(
        caption=f"{table.title} ({table.get_unit_display()})",
        header=tuple(header),
        rows=tuple(body),
        align=(Align.LEFT,) + (Align.RIGHT,) * width,
        widths=(5,) + (2,) * width,
        sum_rows=frozenset(sum_rows),
    )


@register("budget_tables", SCHEMA)
def build_budget_tables(ctx: DocumentContext, spec: BlockSpec) -> None:
    """The plan's budget tables of the given kinds, each with its comment and row comments."""
    tables = ctx.plan.budget_tables.prefetch_related("columns", "rows__cells")
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
