"""The plan's assignments as a table: each one's latest reported status, searched, filtered by
origin and status, and sorted by any column. Plain GET parameters, so a narrowed list is a
link to send and the page works without scripts:
- `q`: words that must all occur in the assignment's text;
- `fran`: the origin (kommunfullmäktige, nämnden …);
- `status`: the key of the latest reported status, or `ingen` for none yet;
- `ordning`: the column to sort by (`text`, `fran`, `beslut`, `rapportor`, `status`), with `-`
  in front for descending.
"""

from dataclasses import dataclass
from typing import Any

from django.http import QueryDict
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy

from styr.assignments.models import Assignment, AssignmentFollowUp, Origin
from styr.plans.models import Plan
from styr.web.table import Heading
from styr.web.table import headings as table_headings

NO_STATUS = "ingen"
COLUMNS = {
    "text": gettext_lazy("Uppdrag"),
    # Translators: the column of who gave the assignment (the council, the committee …).
    "fran": gettext_lazy("Från"),
    # Translators: the column of the date the assignment was decided.
    "beslut": gettext_lazy("Beslutat"),
    "rapportor": gettext_lazy("Rapportör"),
    "status": gettext_lazy("Senaste status"),
}


@dataclass(frozen=True)
class Filters:
    text: str = ""
    origin: str = ""
    status: str = ""
    order: str = ""

    @classmethod
    def from_query(cls, query: QueryDict) -> "Filters":
        order = query.get("ordning", "")
        origin = query.get("fran", "")
        return cls(
            text=query.get("q", "").strip()[:200],
            origin=origin if origin in Origin.values else "",
            status=query.get("status", "")[:64],
            order=order if order.lstrip("-") in COLUMNS else "",
        )

    @property
    def active(self) -> bool:
        return bool(self.text or self.origin or self.status)

    def params(self, **changed: str) -> str:
        """The query string of this view with some parameters changed."""
        values = {"q": self.text, "fran": self.origin, "status": self.status,
                  "ordning": self.order, **changed}  # fmt: skip
        return urlencode({k: v for k, v in values.items() if v})


def latest(assignment: Assignment, positions: dict[int, int]) -> AssignmentFollowUp | None:
    """The follow-up with a status at the latest report occasion that has one."""
    with_status = [f for f in assignment.follow_ups.all() if f.status_id is not None]
    return max(with_status, key=lambda f: positions.get(f.occasion_id, 0), default=None)


def _reporter_name(assignment: Assignment) -> str:
    reporter = assignment.reporter
    if reporter is None:
        return ""
    return reporter.get_full_name() or reporter.get_username()


def annotate(assignment: Assignment, positions: dict[int, int]) -> Assignment:
    """Set what the table shows of an assignment: its latest status and reporter's name."""
    assignment.latest = latest(assignment, positions)  # type: ignore[attr-defined]
    assignment.reporter_name = _reporter_name(assignment)  # type: ignore[attr-defined]
    return assignment


def occasion_positions(plan: Plan) -> dict[int, int]:
    return {o.pk: o.position for o in plan.occasions.all()}


def _sort_key(column: str) -> Any:
    def key(a: Any) -> Any:
        if column == "text":
            return a.text.casefold()
        if column == "fran":
            return a.get_origin_display()
        if column == "beslut":
            return (a.start_date is None, a.start_date)
        if column == "rapportor":
            return (not a.reporter_name, a.reporter_name.casefold())
        latest = a.latest
        return (latest is None, latest.status.position if latest is not None else 0)

    return key


def assignment_rows(plan: Plan, filters: Filters) -> tuple[list[Assignment], int]:
    """The assignments the filters show, sorted, and how many the plan has."""
    positions = occasion_positions(plan)
    everything = [
        annotate(a, positions)
        for a in plan.assignments.select_related("reporter").prefetch_related(
            "follow_ups__status", "follow_ups__occasion"
        )
    ]
    shown = everything
    if filters.text:
        words = filters.text.casefold().split()
        shown = [a for a in shown if all(w in a.text.casefold() for w in words)]
    if filters.origin:
        shown = [a for a in shown if a.origin == filters.origin]
    if filters.status == NO_STATUS:
        shown = [a for a in shown if a.latest is None]  # type: ignore[attr-defined]
    elif filters.status:
        shown = [
            a
            for a in shown
            if a.latest is not None and a.latest.status.key == filters.status  # type: ignore[attr-defined]
        ]
    if filters.order:
        column = filters.order.lstrip("-")
        shown = sorted(shown, key=_sort_key(column), reverse=filters.order.startswith("-"))
    return shown, len(everything)


def headings(filters: Filters) -> list[Heading]:
    return table_headings(COLUMNS, filters.order, filters.params)
