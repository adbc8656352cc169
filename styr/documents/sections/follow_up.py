"""Report blocks: outcomes against targets with a status mark, goal assessments, activities."""

from decimal import Decimal

from styr.activities.models import Activity, ActivityFollowUp
from styr.documents.blocks import register
from styr.documents.context import DocumentContext
from styr.documents.marks import scale_mark
from styr.documents.sections.goals import (
    GROUPINGS,
    KIND_LABELS,
    check_columns,
    columns_of,
    each_goal,
    goal_indicators,
    goal_link,
    value_cell,
)
from styr.documents.spec import BlockSchema, BlockSpec
from styr.documents.tree import Align, Cell, Paragraph, Table
from styr.indicators.assessment import Status, assess_indicator, result_kinds
from styr.indicators.models import Indicator, IndicatorValue
from styr.indicators.vocabulary import Words, indicator_words
from styr.plans.models import OccasionKind
from styr.steering.models import CommitteeGoal

INTERIM_COLUMNS = ["outcome@-1", "interim_outcome@0", "forecast@0", "target@0"]
ANNUAL_COLUMNS = ["outcome@-1", "outcome@0", "target@0"]


def result_cell(
    indicator: Indicator, values: list[IndicatorValue], year: int, occasion_kind: str,
    words: Words, tolerance: Decimal,
) -> Cell:  # fmt: skip
    """The indicator's status at the occasion, by the rule and in the words the web uses."""
    assessment = assess_indicator(indicator, values, year, tolerance, result_kinds(occasion_kind))
    if assessment.status == Status.NO_DATA:
        return Cell()  # no result or target yet, or a relative target without its base
    option = words.option(assessment.status)
    return Cell(mark=scale_mark(option)) if option else Cell(str(assessment.status.label))


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
    if follow_up.analysis and not (ctx.public and follow_up.internal):
        ctx.subheading("Analys")
        ctx.text(follow_up.analysis)


SCHEMA = BlockSchema(
    {"heading": "text", "columns": "texts", "descriptions": "bool", "group_by": "text",
     "area_text": "bool"},
    choices={"group_by": GROUPINGS},
)  # fmt: skip


@register("goal_results", SCHEMA, check=check_columns)
def build_goal_results(ctx: DocumentContext, spec: BlockSpec) -> None:
    """Each goal's indicators at the occasion with a status mark, and the goal's assessment."""
    kind = ctx.occasion.kind
    default = ANNUAL_COLUMNS if kind == OccasionKind.ANNUAL else INTERIM_COLUMNS
    columns = columns_of(spec, default)
    words = indicator_words(ctx.plan.body.municipality_id)
    tolerance = Decimal(ctx.plan.body.municipality.target_tolerance)
    for goal in each_goal(ctx, spec):
        indicators = goal_indicators(ctx, goal)
        if indicators:
            rows = []
            for indicator in indicators:
                values = list(indicator.values.all())
                rows.append(
                    (
                        Cell(indicator.name),
                        *tuple(value_cell(indicator, values, k, ctx.year + o) for k, o in columns),
                        result_cell(indicator, values, ctx.year, kind, words, tolerance),
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


ACTIVITY_COLUMNS = {
    "title": ("Aktivitet", 4, Align.LEFT),
    "under": ("Mål eller uppdrag", 3, Align.LEFT),
    "unit": ("Ansvarig", 2, Align.LEFT),
    "period": ("Period", 2, Align.LEFT),
    "status": ("Status", 2, Align.LEFT),
    "percent": ("Färdiggrad", 2, Align.RIGHT),
    "comment": ("Kommentar", 4, Align.LEFT),
}
ACTIVITY_DEFAULT = ["title", "under", "unit", "status", "percent", "comment"]
ACTIVITIES = BlockSchema(
    {"empty": "text", "group_by": "text", "columns": "texts", "labels": "map"},
    shorthand="empty",
    choices={"group_by": frozenset({"goal", "strategic_area"}),
             "columns": frozenset(ACTIVITY_COLUMNS)},
)  # fmt: skip


def _activity_cells(activity: Activity, follow_up: ActivityFollowUp | None) -> dict[str, Cell]:
    under = (activity.goal.title or goal_link(activity.goal)) if activity.goal else ""
    if activity.assignment is not None:
        under = activity.assignment.text
    period = ""
    if activity.start or activity.end:
        period = f"{activity.start or '…'}–{activity.end or '…'}"
    status = follow_up.status if follow_up else None
    percent = follow_up.percent_complete if follow_up else None
    return {
        "title": Cell(activity.title),
        "under": Cell(under),
        "unit": Cell(activity.responsible_unit.name if activity.responsible_unit else ""),
        "period": Cell(period),
        "status": Cell(mark=scale_mark(status)) if status else Cell(),
        "percent": Cell(f"{percent} %" if percent is not None else ""),
        "comment": Cell("\n".join(_comments(follow_up))),
    }


def _shown(ctx: DocumentContext, activity: Activity) -> bool:
    """An activity of an assignment the municipality does not publish is left out of the
    public edition with it."""
    return not (ctx.public and activity.assignment is not None and not activity.assignment.public)


def _comments(follow_up: ActivityFollowUp | None) -> list[str]:
    """The activity's comment, then each participating unit's under its name."""
    if follow_up is None:
        return []
    lines = [follow_up.comment] if follow_up.comment else []
    return lines + [f"{c.unit.name}: {c.comment}" for c in follow_up.unit_comments.all()]


def _activity_group(activity: Activity, by: str) -> tuple[tuple[int, int, int], str]:
    goal = activity.goal
    if by == "goal":
        if goal is not None:
            return (0, goal.position, goal.pk), goal.title or goal_link(goal)
        if activity.assignment is not None:
            return (1, activity.assignment.position, 0), "Uppdrag"
        return (2, 0, 0), "Övriga aktiviteter"
    area = goal.strategic_area if goal is not None else None
    if area is not None:
        return (0, area.position, area.pk), area.name
    return (1, 0, 0), "Övriga aktiviteter"


@register("activities", ACTIVITIES)
def build_activities(ctx: DocumentContext, spec: BlockSpec) -> None:
    """The plan's activities with status and percent complete at the occasion: one table, or
    with `group_by: goal` (or `strategic_area`) a sub-heading and table per goal (or area)."""
    activities = ctx.plan.activities.select_related(
        "goal__strategic_area", "goal__prerequisite", "goal__starting_point", "assignment",
        "responsible_unit",
    ).prefetch_related("follow_ups__status", "follow_ups__unit_comments__unit")  # fmt: skip
    columns = spec.texts("columns", ACTIVITY_DEFAULT)
    by = spec.text("group_by")
    if by == "goal" and "under" in columns and "columns" not in spec.options:
        columns = [c for c in columns if c != "under"]  # the heading says it
    if ctx.public:
        # Activity comments (and units' comments) have no internal mark, and the portal
        # publishes none of them: the public edition has status and progress only.
        columns = [c for c in columns if c != "comment"]
    labels = spec.mapping("labels")
    groups: dict[tuple[int, int, int], tuple[str, list[tuple[Cell, ...]]]] = {}
    for activity in activities:
        if not _shown(ctx, activity):
            continue
        follow_up = next(
            (f for f in activity.follow_ups.all() if f.occasion_id == ctx.occasion.pk), None
        )
        cells = _activity_cells(activity, follow_up)
        if ctx.public and activity.assignment_id is not None:
            ctx.printed.assignments.add(activity.assignment_id)
        key, title = _activity_group(activity, by) if by else ((0, 0, 0), "")
        groups.setdefault(key, (title, []))[1].append(tuple(cells[c] for c in columns))
    if not groups:
        # In the public edition "none" would be untrue when some are not public.
        if spec.text("empty") and not (ctx.public and activities.exists()):
            ctx.add(Paragraph((spec.text("empty"),)))
        return
    header = tuple(labels.get(c, ACTIVITY_COLUMNS[c][0]) for c in columns)
    for key in sorted(groups):
        title, rows = groups[key]
        if title:
            ctx.subheading(title)
        ctx.add(
            Table(
                caption=f"Aktiviteter: {title}" if title else "Aktiviteter",
                header=header,
                rows=tuple(rows),
                align=tuple(ACTIVITY_COLUMNS[c][2] for c in columns),
                widths=tuple(ACTIVITY_COLUMNS[c][1] for c in columns),
            )
        )
