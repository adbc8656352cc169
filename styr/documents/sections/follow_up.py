"""Report blocks: outcomes against targets with a status mark, goal assessments, activities."""

from styr.documents.blocks import register
from styr.documents.context import DocumentContext
from styr.documents.marks import scale_mark
from styr.documents.sections.goals import (
    KIND_LABELS,
    check_columns,
    columns_of,
    goal_heading,
    goals_of,
    value_cell,
)
from styr.documents.spec import BlockSchema, BlockSpec
from styr.documents.tree import Align, Cell, Paragraph, Table
from styr.indicators.assessment import meets
from styr.indicators.models import Indicator, IndicatorValue, ValueKind
from styr.plans.models import OccasionKind
from styr.scales.models import Scale, ScaleOption
from styr.steering.models import CommitteeGoal

INTERIM_COLUMNS = ["outcome@-1", "interim_outcome@0", "forecast@0", "target@0"]
ANNUAL_COLUMNS = ["outcome@-1", "outcome@0", "target@0"]


def result_value(
    values: list[IndicatorValue], year: int, occasion_kind: str
) -> IndicatorValue | None:
    """The value a report judges: the year's outcome; in an interim report the interim outcome,
    else the forecast, when the year's outcome is not in yet."""
    kinds = [ValueKind.OUTCOME]
    if occasion_kind == OccasionKind.INTERIM:
        kinds = [ValueKind.OUTCOME, ValueKind.INTERIM_OUTCOME, ValueKind.FORECAST]
    for kind in kinds:
        for value in values:
            if value.year == year and value.kind == kind:
                return value
    return None


def result_cell(
    indicator: Indicator, values: list[IndicatorValue], year: int, occasion_kind: str,
    options: dict[str, ScaleOption],
) -> Cell:  # fmt: skip
    target = next((v for v in values if v.year == year and v.kind == ValueKind.TARGET), None)
    actual = result_value(values, year, occasion_kind)
    if target is None or actual is None:
        return Cell()
    met = meets(target.comparator or _default_comparator(indicator), actual.value, target.value)
    option = options.get("met" if met else "not_met")
    return Cell(mark=scale_mark(option)) if option else Cell("Ja" if met else "Nej")


def _default_comparator(indicator: Indicator) -> str:
    return "≤" if indicator.polarity == "lower_is_better" else "≥"


def _assessment(ctx: DocumentContext, goal: CommitteeGoal) -> None:
    follow_up = next((f for f in goal.follow_ups.all() if f.occasion_id == ctx.occasion.pk), None)
    if follow_up is None:
        return
    if follow_up.fulfilment is not None:
        ctx.add(
            Table(
                caption=f"Bedömd måluppfyllelse för {goal.title or 'målet'}",
                header=("Bedömd måluppfyllelse",),
                rows=((Cell(mark=scale_mark(follow_up.fulfilment)),),),
            )
        )
    if follow_up.analysis:
        ctx.subheading("Analys")
        ctx.text(follow_up.analysis)


SCHEMA = BlockSchema({"heading": "text", "columns": "texts", "descriptions": "bool"})


@register("goal_results", SCHEMA, check=check_columns)
def build_goal_results(ctx: DocumentContext, spec: BlockSpec) -> None:
    """Each goal's indicators at the occasion with a status mark, and the goal's assessment."""
    kind = ctx.occasion.kind
    default = ANNUAL_COLUMNS if kind == OccasionKind.ANNUAL else INTERIM_COLUMNS
    columns = columns_of(spec, default)
    options = {o.key: o for o in _target_result_options(ctx.plan.body.municipality_id)}
    for goal in goals_of(ctx):
        goal_heading(ctx, spec, goal)
        links = list(goal.goalindicator_set.all())
        if links:
            rows = []
            for link in links:
                indicator = link.indicator
                values = list(indicator.values.all())
                rows.append(
                    (
                        Cell(indicator.name),
                        *tuple(value_cell(indicator, values, k, ctx.year + o) for k, o in columns),
                        result_cell(indicator, values, ctx.year, kind, options),
                    )
                )
            ctx.add(
                Table(
                    caption=f"Indikatorer för målet {goal.title}".strip(),
                    header=(
                        "Indikatorer",
                        *tuple(f"{KIND_LABELS[k]} {ctx.year + o}" for k, o in columns),
                        "Status",
                    ),
                    rows=tuple(rows),
                    align=(Align.LEFT,) + (Align.RIGHT,) * len(columns) + (Align.LEFT,),
                    widths=(6,) + (2,) * len(columns) + (2,),
                )
            )
        if spec.flag("descriptions"):
            ctx.text(goal.description)
        _assessment(ctx, goal)


def _target_result_options(municipality_id: int) -> list[ScaleOption]:
    try:
        return list(Scale.objects.current("target-result", municipality_id).options.all())
    except Scale.DoesNotExist:
        return []


@register("activities", BlockSchema({"empty": "text"}, shorthand="empty"))
def build_activities(ctx: DocumentContext, spec: BlockSpec) -> None:
    """The plan's activities with status and percent complete at the occasion."""
    activities = ctx.plan.activities.select_related(
        "goal", "assignment", "responsible_unit"
    ).prefetch_related("follow_ups__status")
    rows = []
    for activity in activities:
        follow_up = next(
            (f for f in activity.follow_ups.all() if f.occasion_id == ctx.occasion.pk), None
        )
        under = activity.goal.title if activity.goal else ""
        if activity.assignment is not None:
            under = activity.assignment.text
        rows.append(
            (
                Cell(activity.title),
                Cell(under),
                Cell(activity.responsible_unit.name if activity.responsible_unit else ""),
                Cell(mark=scale_mark(follow_up.status))
                if follow_up and follow_up.status
                else Cell(),
                Cell(
                    f"{follow_up.percent_complete} %"
                    if follow_up and follow_up.percent_complete is not None
                    else ""
                ),
                Cell(follow_up.comment if follow_up else ""),
            )
        )
    if not rows:
        if spec.text("empty"):
            ctx.add(Paragraph((spec.text("empty"),)))
        return
    ctx.add(
        Table(
            caption="Aktiviteter",
            header=(
                "Aktivitet",
                "Mål eller uppdrag",
                "Ansvarig",
                "Status",
                "Färdiggrad",
                "Kommentar",
            ),
            rows=tuple(rows),
            align=(Align.LEFT,) * 4 + (Align.RIGHT, Align.LEFT),
            widths=(4, 3, 2, 2, 2, 4),
        )
    )
