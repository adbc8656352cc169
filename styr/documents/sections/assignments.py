"""Assignment tables: from the council, the executive board, the budget; status per occasion."""

from styr.assignments.models import Assignment, AssignmentFollowUp, Origin
from styr.documents.blocks import register
from styr.documents.context import DocumentContext
from styr.documents.formats import amount_text, date_text, period_text
from styr.documents.marks import scale_mark
from styr.documents.spec import BlockSchema, BlockSpec
from styr.documents.tree import Cell, Paragraph, Table

COLUMNS = {
    "text": "Uppdrag",
    "origin": "Uppdrag från",
    "start_date": "Startdatum",
    "period": "Genomförandeperiod",
    "extra_cost": "Ev. extra kostnad utöver budget",
    "status": "Status",
    "comment": "Kommentar",
    "grade": "Måluppfyllelse",
}
WIDTHS = {
    "text": 5, "origin": 3, "start_date": 2, "period": 3, "extra_cost": 2,
    "status": 2, "comment": 5, "grade": 2,
}  # fmt: skip

SCHEMA = BlockSchema(
    {"origin": "texts", "columns": "texts", "caption": "text", "empty": "text"},
    shorthand="origin",
    choices={
        "origin": frozenset(Origin.values),
        "columns": frozenset(COLUMNS),
    },
)


def _cell(
    column: str, assignment: Assignment, follow_up: AssignmentFollowUp | None, public: bool
) -> Cell:
    if column == "text":
        return Cell(assignment.text)
    if column == "origin":
        return Cell(str(Origin(assignment.origin).label))
    if column == "start_date":
        return Cell(date_text(assignment.start_date))
    if column == "period":
        return Cell(
            period_text(assignment.period_start, assignment.period_end, assignment.period_note)
        )
    if column == "extra_cost":
        return Cell(
            amount_text(
                assignment.extra_cost, assignment.extra_cost_unit, assignment.extra_cost_note
            )
        )
    if follow_up is None:
        return Cell()
    if column == "status":
        return Cell(mark=scale_mark(follow_up.status)) if follow_up.status else Cell()
    if column == "grade":
        return Cell(mark=scale_mark(follow_up.grade)) if follow_up.grade else Cell()
    if public and follow_up.internal:
        return Cell()  # the administration's own comment: not in the public edition
    return Cell(follow_up.comment)


@register("assignments", SCHEMA)
def build_assignments(ctx: DocumentContext, spec: BlockSpec) -> None:
    """The plan's assignments of the given origins, with their status at the occasion."""
    columns = spec.texts("columns", ["text", "start_date", "status", "comment"])
    origins = spec.texts("origin")
    assignments = ctx.plan.assignments.prefetch_related("follow_ups__status", "follow_ups__grade")
    if origins:
        assignments = assignments.filter(origin__in=origins)
    chosen = assignments
    if ctx.public:
        assignments = assignments.filter(public=True)
    rows = []
    for assignment in assignments:
        follow_up = next(
            (f for f in assignment.follow_ups.all() if f.occasion_id == ctx.occasion.pk), None
        )
        rows.append(tuple(_cell(c, assignment, follow_up, ctx.public) for c in columns))
        if ctx.public:
            ctx.printed.assignments.add(assignment.pk)
    if not rows:
        # In the public edition "none" would be untrue when some are not public.
        if spec.text("empty") and not (ctx.public and chosen.exists()):
            ctx.add(Paragraph((spec.text("empty"),)))
        return
    caption = spec.text("caption") or "Uppdrag"
    ctx.add(
        Table(
            caption=ctx.fill(caption),
            header=tuple(COLUMNS[c] for c in columns),
            rows=tuple(rows),
            widths=tuple(WIDTHS[c] for c in columns),
        )
    )
