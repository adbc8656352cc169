"""The plan's indicators as one table: each goal's indicators with the year's result against
its target and the status that gives, narrowed and sorted by plain GET parameters:
- `q`: words that must all occur in the indicator's name;
- `mal`: the id of a goal;
- `status`: a computed status (`met`, `near`, `not_met`, `no_data`);
- `kalla`: `kolada` (linked to a Kolada KPI) or `manuell`;
- `visa=mina`: only the indicators of goals the user reports for;
- `ordning`: `indikator`, `mal`, `resultat`, `status`, with `-` in front for descending.

Read from the plan overview (one computation of the statuses, cached until the next change),
so the table and the overview never disagree.
"""

from dataclasses import dataclass
from typing import Any

from django.http import QueryDict
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy, pgettext_lazy

from styr.documents.sections.goals import goal_name
from styr.indicators.assessment import SEVERITY, Status
from styr.web.overview import GoalRow, IndicatorRow, Overview
from styr.web.table import Heading
from styr.web.table import headings as table_headings

COLUMNS = {
    "indikator": gettext_lazy("Indikator"),
    "mal": pgettext_lazy("one goal", "Mål"),
    "resultat": gettext_lazy("Resultat"),
    "status": gettext_lazy("Status"),
}
SOURCES = ("kolada", "manuell")


@dataclass(frozen=True)
class Filters:
    text: str = ""
    goal: str = ""
    status: str = ""
    source: str = ""
    mine: bool = False
    order: str = ""

    @classmethod
    def from_query(cls, query: QueryDict) -> "Filters":
        order, goal = query.get("ordning", ""), query.get("mal", "")
        status, source = query.get("status", ""), query.get("kalla", "")
        return cls(
            text=query.get("q", "").strip()[:200],
            goal=goal if goal.isdigit() else "",
            status=status if status in Status.values else "",
            source=source if source in SOURCES else "",
            mine=query.get("visa") == "mina",
            order=order if order.lstrip("-") in COLUMNS else "",
        )

    @property
    def active(self) -> bool:
        return bool(self.text or self.goal or self.status or self.source or self.mine)

    def params(self, **changed: str) -> str:
        values = {
            "q": self.text, "mal": self.goal, "status": self.status, "kalla": self.source,
            "visa": "mina" if self.mine else "", "ordning": self.order, **changed,
        }  # fmt: skip
        return urlencode({k: v for k, v in values.items() if v})


def headings(filters: Filters) -> list[Heading]:
    return table_headings(COLUMNS, filters.order, filters.params, numeric=("resultat",))


@dataclass(frozen=True)
class Line:
    """One row: an indicator under one of its goals (an indicator under two goals is two)."""

    goal: GoalRow
    row: IndicatorRow
    position: int  # in the plan's order of goals and their indicators


def _sort_key(column: str) -> Any:
    worst_first = {status: i for i, status in enumerate(SEVERITY)}

    def key(line: Line) -> Any:
        if column == "mal":
            return goal_name(line.goal.goal).casefold(), line.position
        if column == "resultat":
            result = line.row.assessment.result
            return (result is None, result.value if result is not None else 0)
        if column == "status":
            return worst_first.get(line.row.assessment.status, len(SEVERITY)), line.position
        return line.row.indicator.name.casefold()

    return key


def indicator_lines(
    overview: Overview, filters: Filters, user_id: int | None
) -> tuple[list[Line], int]:
    """The lines the filters show, sorted, and how many lines the plan has."""
    everything = [
        Line(goal, row, position)
        for position, (goal, row) in enumerate(
            (goal, row) for goal in overview.goals for row in goal.indicators
        )
    ]
    words = filters.text.casefold().split()
    shown = [
        line
        for line in everything
        if all(w in line.row.indicator.name.casefold() for w in words)
        and (not filters.goal or str(line.goal.goal.pk) == filters.goal)
        and (not filters.status or line.row.assessment.status == filters.status)
        and (
            not filters.source
            or bool(line.row.indicator.kolada_kpi) == (filters.source == "kolada")
        )
        and (not filters.mine or line.goal.goal.reporter_id == user_id)
    ]
    if filters.order:
        column = filters.order.lstrip("-")
        shown.sort(key=_sort_key(column), reverse=filters.order.startswith("-"))
    return shown, len(everything)
