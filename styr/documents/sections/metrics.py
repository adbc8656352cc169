"""Metrics (följetal): measures without targets, in named groups."""

from styr.documents.blocks import register
from styr.documents.context import DocumentContext
from styr.documents.formats import measure_text
from styr.documents.sections.goals import KIND_LABELS
from styr.documents.spec import BlockSchema, BlockSpec
from styr.documents.tree import Align, Cell, Table
from styr.indicators.models import MetricSection, MetricValue, ValueKind

ORDER = {
    kind: i
    for i, kind in enumerate([ValueKind.OUTCOME, ValueKind.INTERIM_OUTCOME, ValueKind.FORECAST])
}

SCHEMA = BlockSchema(
    {"section": "text", "years": "text"},
    shorthand="section",
    required=frozenset({"section"}),
    choices={"section": frozenset(MetricSection.values)},
)


def _columns(values: list[MetricValue], first: int, last: int) -> list[tuple[int, str]]:
    """The group's columns: every (year, kind) it has a value for within the years, by year."""
    pairs = {(v.year, v.kind) for v in values if first <= v.year <= last}
    return sorted(pairs, key=lambda p: (p[0], ORDER.get(ValueKind(p[1]), 9)))


def _with_unit(text: str, unit: str) -> str:
    # Percentages are printed with their sign, as the sample's "5,1%"; other units are named
    # in the metric's name.
    return f"{text}%" if text and unit == "%" else text


def _check(spec: BlockSpec) -> None:
    years = spec.text("years", "3")
    if not years.isdigit():
        raise ValueError(f"years: {years!r} is not a whole number of years")


def _shown(value: MetricValue | None, decimals: int) -> str:
    if value is None:
        return ""
    return value.text if value.value is None else measure_text(value.value, decimals)


@register("metrics", SCHEMA, check=_check)
def build_metrics(ctx: DocumentContext, spec: BlockSpec) -> None:
    """The metric groups of one section, each a table with the years and kinds it has."""
    # Metrics belong to the body and gather values year by year; a plan shows the years up to
    # its own (by default three back, as the sample does).
    first = ctx.year - int(spec.text("years", "3") or 3)
    groups = ctx.plan.metric_groups.filter(section=spec.text("section")).prefetch_related(
        "groupmetric_set__metric__values"
    )
    for group in groups:
        metrics = [gm.metric for gm in group.groupmetric_set.all()]
        if group.title and group.title != ctx.current_title:
            ctx.subheading(group.title)
        if not metrics:
            continue
        values = {m.pk: list(m.values.all()) for m in metrics}
        columns = _columns([v for vs in values.values() for v in vs], first, ctx.year)
        rows = []
        for metric in metrics:
            by_key = {(v.year, v.kind): v for v in values[metric.pk]}
            rows.append(
                (
                    Cell(metric.name),
                    *tuple(Cell(_shown(by_key.get(c), metric.decimals)) for c in columns),
                )
            )
        ctx.add(
            Table(
                caption=group.title or "Följetal",
                header=("Följetal", *tuple(f"{KIND_LABELS[ValueKind(k)]} {y}" for y, k in columns)),
                rows=tuple(rows),
                align=(Align.LEFT,) + (Align.RIGHT,) * len(columns),
                widths=(6,) + (2,) * len(columns),
            )
        )
