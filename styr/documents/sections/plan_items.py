"""Plan items: the digitalisation plan, premises needs and competence needs."""

from decimal import Decimal

from styr.core.formatting import format_number
from styr.documents.blocks import register
from styr.documents.context import DocumentContext
from styr.documents.formats import period_text
from styr.documents.spec import BlockSchema, BlockSpec
from styr.documents.tree import Align, Cell, Table
from styr.plans.models import DigitalisationKind

DIGITALISATION = BlockSchema(
    {"kind": "text", "caption": "text"},
    shorthand="kind",
    required=frozenset({"kind"}),
    choices={"kind": frozenset(DigitalisationKind.values)},
)
CAPTIONS = {
    DigitalisationKind.OPERATING: "Digitaliseringsplan - drift",
    DigitalisationKind.INVESTMENT: "Digitaliseringsplan - investeringar",
}


@register("digitalisation", DIGITALISATION)
def build_digitalisation(ctx: DocumentContext, spec: BlockSpec) -> None:
    """One table of digitalisation initiatives, with the plan's stated total (or the sum)."""
    kind = DigitalisationKind(spec.text("kind"))
    items = [i for i in ctx.plan.digitalisation_items.all() if i.kind == kind]
    total = next((t for t in ctx.plan.digitalisation_totals.all() if t.kind == kind), None)
    if not items and total is None:
        return
    rows = [
        (
            Cell(item.name),
            Cell(format_number(item.budget_need, 0)),
            Cell(period_text(item.period_start, item.period_end, item.period_note)),
            Cell(item.expected_effect),
        )
        for item in items
    ]
    if total is not None:
        # The total as the plan states it: a misprint is the plan's, and `styr check` names it.
        stated = total.as_printed or format_number(total.amount, 0)
    else:
        needs = [i.budget_need for i in items if i.budget_need is not None]
        stated = format_number(sum(needs, Decimal(0)), 0) if needs else ""
    rows.append((Cell("Summa", bold=True), Cell(stated, bold=True), Cell(), Cell()))
    caption = spec.text("caption") or CAPTIONS[kind]
    ctx.add(
        Table(
            caption=caption,
            header=(caption, "Budgetbehov kr", "Period", "Förväntad måluppfyllelse"),
            rows=tuple(rows),
            align=(Align.LEFT, Align.RIGHT, Align.LEFT, Align.LEFT),
            widths=(4, 2, 2, 5),
            sum_rows=frozenset({len(rows) - 1}),
        )
    )


@register("premises_needs")
def build_premises_needs(ctx: DocumentContext, spec: BlockSpec) -> None:
    """The premises-needs table; printed with its header even when empty, as plans do."""
    rows = tuple(
        (Cell(n.description), Cell(n.when), Cell(n.category), Cell(n.priority), Cell(n.motivation))
        for n in ctx.plan.premises_needs.all()
    )
    ctx.add(
        Table(
            caption="Lokalbehov",
            header=("Behovsbeskrivning", "När", "Kategori", "Nämndens prioritering", "Motivering"),
            rows=rows,
            widths=(4, 2, 2, 2, 4),
        )
    )


@register("competence_needs")
def build_competence_needs(ctx: DocumentContext, spec: BlockSpec) -> None:
    rows = tuple((Cell(n.need), Cell(n.actions)) for n in ctx.plan.competence_needs.all())
    if rows:
        ctx.add(
            Table(
                caption="Kompetensförsörjning: behov och åtgärder",
                header=("Behov", "Åtgärder"),
                rows=rows,
            )
        )
