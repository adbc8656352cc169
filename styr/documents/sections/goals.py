"""The body's goals: each under its strategic area, with its indicator table."""

from collections.abc import Iterable, Iterator

from styr.documents.blocks import register
from styr.documents.context import DocumentContext
from styr.documents.formats import measure_text
from styr.documents.spec import BlockSchema, BlockSpec
from styr.documents.tree import Align, Cell, Paragraph, Table
from styr.indicators.models import Indicator, IndicatorValue, ValueKind
from styr.indicators.targets import target_text
from styr.steering.models import CommitteeGoal, SteeringItemBase

KIND_LABELS = {
    ValueKind.OUTCOME: "Utfall",
    ValueKind.INTERIM_OUTCOME: "Utfall delår",
    ValueKind.FORECAST: "Prognos",
    ValueKind.TARGET: "Mål",
}
# The sample's indicator table: two years of outcome, last year's forecast and target, and
# the targets of the plan year and the next.
DEFAULT_COLUMNS = ["outcome@-3", "outcome@-2", "forecast@-1", "target@-1", "target@0", "target@1"]


def parse_column(text: str) -> tuple[ValueKind, int]:
    """`outcome@-2` → (outcome, plan year − 2)."""
    kind, _, offset = text.partition("@")
    try:
        return ValueKind(kind), int(offset or 0)
    except ValueError:
        raise ValueError(
            f"{text!r} is not a value column (write kind@offset, e.g. outcome@-2; kinds: "
            f"{', '.join(ValueKind.values)})"
        ) from None


def goal_link(goal: CommitteeGoal) -> str:
    """What the goal answers to: its strategic area, prerequisite or starting point."""
    for item in (goal.strategic_area, goal.prerequisite, goal.starting_point):
        if item is not None:
            return item.short_name or item.name
    return ""


def goal_name(goal: CommitteeGoal) -> str:
    """A goal as its heading reads on the web: its title, or what it answers to when it has
    none (never its key, unless it has neither)."""
    return goal.title or goal_link(goal) or goal.key


def value_cell(
    indicator: Indicator, values: Iterable[IndicatorValue], kind: str, year: int
) -> Cell:
    for value in values:
        if value.kind == kind and value.year == year:
            if kind == ValueKind.TARGET and value.reference_year is not None:
                return Cell(target_text(value.comparator, value.value, value.reference_year))
            text = measure_text(value.value, indicator.decimals)
            if kind == ValueKind.TARGET and value.comparator:
                text = f"{value.comparator} {text}"
            return Cell(text)
    return Cell()


def goal_indicators(ctx: DocumentContext, goal: CommitteeGoal) -> list[Indicator]:
    """The goal's indicators in the document: in the public edition, those public now and
    published with the plan's decision (GoalIndicator.published), so a report never prints
    what the plan withheld."""
    links = goal.goalindicator_set.all()
    if not ctx.public:
        return [link.indicator for link in links]
    shown = [link.indicator for link in links if link.published and link.indicator.public]
    ctx.printed.indicators.update(i.pk for i in shown)
    return shown


def indicator_table(
    ctx: DocumentContext, goal: CommitteeGoal, columns: list[tuple[ValueKind, int]]
) -> Table | None:
    """The goal's indicator table; None when it has no indicator to show."""
    header = ["Indikatorer"] + [f"{KIND_LABELS[k]} {ctx.year + o}" for k, o in columns]
    rows = []
    for indicator in goal_indicators(ctx, goal):
        values = list(indicator.values.all())
        rows.append(
            (
                Cell(indicator.name),
                *tuple(value_cell(indicator, values, k, ctx.year + o) for k, o in columns),
            )
        )
    if not rows:
        return None
    return Table(
        caption=f"Indikatorer för målet {goal.title or goal_link(goal)}",
        header=tuple(header),
        rows=tuple(rows),
        align=(Align.LEFT,) + (Align.RIGHT,) * len(columns),
        widths=(6,) + (2,) * len(columns),
    )


def goals_of(ctx: DocumentContext) -> list[CommitteeGoal]:
    return list(
        ctx.plan.goals.select_related(
            "strategic_area", "municipal_goal", "prerequisite", "starting_point"
        ).prefetch_related("goalindicator_set__indicator__values", "follow_ups__fulfilment")
    )


def goal_heading(ctx: DocumentContext, spec: BlockSpec, goal: CommitteeGoal) -> None:
    heading = spec.text("heading", "Strategiska områden/Förutsättningar/Utgångspunkter: {link}")
    ctx.section(heading.replace("{link}", goal_link(goal)) if goal_link(goal) else goal.title)
    if goal.municipal_goal is not None:
        ctx.add(Paragraph((f"Kommungemensamt mål: {goal.municipal_goal.name}",)))
    if goal.title and goal_link(goal):
        ctx.subheading(goal.title)


GROUPINGS = frozenset({"strategic_area", "municipal_goal"})


def _group_of(goal: CommitteeGoal, by: str) -> tuple[tuple[int, int, str], str, str]:
    """(sort key, title, text) of the group a goal falls in."""
    item: SteeringItemBase | None = (
        goal.municipal_goal
        if by == "municipal_goal"
        else goal.strategic_area or goal.prerequisite or goal.starting_point
    )
    if item is None:
        return (1, 0, ""), "Övriga mål", ""
    return (0, item.position, item.name), item.name, item.description


def each_goal(ctx: DocumentContext, spec: BlockSpec) -> Iterator[CommitteeGoal]:
    """The goals, each after its heading. With `group_by` a section per strategic area (or
    municipal goal), with the area's text if `area_text`, and each goal a sub-heading in it;
    without, a section per goal as the sample plan has it."""
    goals = goals_of(ctx)
    by = spec.text("group_by")
    if not by:
        for goal in goals:
            goal_heading(ctx, spec, goal)
            yield goal
        return
    groups: dict[tuple[int, int, str], tuple[str, str, list[CommitteeGoal]]] = {}
    for goal in goals:
        key, title, text = _group_of(goal, by)
        groups.setdefault(key, (title, text, []))[2].append(goal)
    for key in sorted(groups):
        title, text, members = groups[key]
        ctx.section(title)
        if spec.flag("area_text") and text:
            ctx.text(text)
        for goal in members:
            ctx.subheading(goal.title or goal_link(goal))
            yield goal


def columns_of(spec: BlockSpec, default: list[str]) -> list[tuple[ValueKind, int]]:
    return [parse_column(c) for c in spec.texts("columns", default)]


def check_columns(spec: BlockSpec) -> None:
    columns_of(spec, [])


SCHEMA = BlockSchema(
    {"heading": "text", "columns": "texts", "group_by": "text", "area_text": "bool"},
    choices={"group_by": GROUPINGS},
)


@register("goals", SCHEMA, check=check_columns)
def build_goals(ctx: DocumentContext, spec: BlockSpec) -> None:
    """One numbered section per goal: what it answers to, its indicators, its description."""
    columns = columns_of(spec, DEFAULT_COLUMNS)
    for goal in each_goal(ctx, spec):
        if (table := indicator_table(ctx, goal, columns)) is not None:
            ctx.add(table)
        ctx.text(goal.description)
