"""Internal control: the risk matrix, the risks by category, and their follow-up."""

from styr.documents.blocks import register
from styr.documents.context import DocumentContext
from styr.documents.spec import BlockSpec
from styr.documents.tree import Align, Cell, Mark, Paragraph, Table, Tone
from styr.internal_control.models import Axis, Risk, RiskLevel

RISK_COLUMNS = ("Huvudprocess", "Risker", "Sannolikhet", "Väsentlighet", "Riskvärde",
                "Kontrollmoment", "Uppföljning")  # fmt: skip


def _labels(ctx: DocumentContext) -> dict[tuple[str, int], str]:
    matrix = ctx.plan.risk_matrix
    if matrix is None:
        return {}
    return {(lv.axis, lv.value): lv.label for lv in matrix.levels.all()}


@register("risk_matrix", internal=True)
def build_risk_matrix(ctx: DocumentContext, spec: BlockSpec) -> None:
    """The plan's risk matrix: probability down, consequence across, each cell its score."""
    matrix = ctx.plan.risk_matrix
    if matrix is None:
        return
    levels: list[RiskLevel] = list(matrix.levels.all())
    probabilities = sorted((lv for lv in levels if lv.axis == Axis.PROBABILITY),
                           key=lambda lv: -lv.value)  # fmt: skip
    consequences = sorted((lv for lv in levels if lv.axis == Axis.CONSEQUENCE),
                          key=lambda lv: lv.value)  # fmt: skip
    rows = []
    for p in probabilities:
        line = [Cell(f"{p.label} ({p.value})", bold=True)]
        for c in consequences:
            score = p.value * c.value
            high = score >= matrix.plan_threshold
            line.append(Cell(mark=Mark(str(score), Tone.BAD if high else Tone.NEUTRAL)))
        rows.append(tuple(line))
    ctx.add(
        Table(
            caption=f"Riskmatris: {matrix.name}",
            header=(
                "Sannolikhet / Väsentlighet",
                *tuple(f"{c.label} ({c.value})" for c in consequences),
            ),
            rows=tuple(rows),
            align=(Align.LEFT,) + (Align.CENTER,) * len(consequences),
        ),
        Paragraph(
            (
                f"Riskvärde = sannolikhet × väsentlighet. Risker med riskvärde "
                f"{matrix.plan_threshold} eller högre lyfts in i internkontrollplanen.",
            )
        ),
    )


def _risk_row(risk: Risk, labels: dict[tuple[str, int], str]) -> tuple[Cell, ...]:
    return (
        Cell(risk.main_process),
        Cell(risk.description),
        Cell(labels.get((Axis.PROBABILITY, risk.probability), str(risk.probability))),
        Cell(labels.get((Axis.CONSEQUENCE, risk.consequence), str(risk.consequence))),
        Cell(str(risk.score)),
        Cell(risk.control_activity),
        Cell(risk.follow_up_method),
    )


@register("risks", internal=True)
def build_risks(ctx: DocumentContext, spec: BlockSpec) -> None:
    """The internal-control plan: one table of risks per category."""
    labels = _labels(ctx)
    for category in ctx.plan.risk_categories.prefetch_related("risks"):
        risks = list(category.risks.all())
        if not risks:
            continue
        ctx.subheading(category.name)
        ctx.add(
            Table(
                caption=f"Internkontrollplan: {category.name}",
                header=RISK_COLUMNS,
                rows=tuple(_risk_row(r, labels) for r in risks),
                align=(Align.LEFT,) * 4 + (Align.RIGHT,) + (Align.LEFT,) * 2,
                widths=(12, 15, 10, 10, 8, 18, 18),
            )
        )


@register("risk_follow_up", internal=True)
def build_risk_follow_up(ctx: DocumentContext, spec: BlockSpec) -> None:
    """The result of each risk's control at the document's occasion."""
    for category in ctx.plan.risk_categories.prefetch_related("risks__follow_ups"):
        rows = []
        for risk in category.risks.all():
            result = next(
                (f.result for f in risk.follow_ups.all() if f.occasion_id == ctx.occasion.pk), ""
            )
            rows.append((Cell(risk.description), Cell(risk.control_activity), Cell(result)))
        if not rows:
            continue
        ctx.subheading(category.name)
        ctx.add(
            Table(
                caption=f"Uppföljning av internkontroll: {category.name}",
                header=("Risk", "Kontrollmoment", "Resultat"),
                rows=tuple(rows),
                widths=(4, 4, 5),
            )
        )
