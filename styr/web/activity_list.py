"""The plan's activities at a report occasion, grouped under their goal or assignment,
narrowed and sorted by plain GET parameters (a narrowed list is a link one can send):
- `rapport`: the report occasion (default: the first one not yet decided);
- `status`: a status key of the activity scale, or `ej-rapporterad`;
- `q`: words that must all occur in the activity's title;
- `ansvarig`: the id of the responsible unit;
- `visa=mina`: only activities under the goals and assignments the user reports for;
- `ordning`: `titel`, `ansvarig`, `status` or `fardiggrad`, with `-` in front for descending.
"""

from dataclasses import dataclass, field
from typing import Any

from django.http import QueryDict
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext

from styr.access.permissions import ReportScope
from styr.activities.actions import report_version_parts
from styr.activities.models import Activity, ActivityFollowUp
from styr.core.conflicts import version_of
from styr.documents.sections.goals import goal_name
from styr.organisation.models import Unit
from styr.plans.models import Plan, ReportOccasion
from styr.plans.reporting import activity_reported
from styr.web.table import Heading
from styr.web.table import headings as table_headings

NOT_REPORTED = "ej-rapporterad"
COLUMNS = {
    "titel": gettext_lazy("Aktivitet"),
    "ansvarig": gettext_lazy("Ansvarig"),
    "status": gettext_lazy("Status"),
    "fardiggrad": gettext_lazy("Färdiggrad"),
}


@dataclass(frozen=True)
class Filters:
    occasion: str = ""
    status: str = ""
    text: str = ""
    unit: str = ""
    mine: bool = False
    order: str = ""

    @classmethod
    def from_query(cls, query: QueryDict) -> "Filters":
        order = query.get("ordning", "")
        unit = query.get("ansvarig", "")
        return cls(
            occasion=query.get("rapport", "")[:64],
            status=query.get("status", "")[:64],
            text=query.get("q", "").strip()[:200],
            unit=unit if unit.isdigit() else "",
            mine=query.get("visa") == "mina",
            order=order if order.lstrip("-") in COLUMNS else "",
        )

    @property
    def active(self) -> bool:
        """Whether the list is narrowed (the occasion and the order only choose what is shown
        of each activity and in what order)."""
        return bool(self.status or self.text or self.unit or self.mine)

    def params(self, **changed: str) -> str:
        """The query string of this view with some parameters changed."""
        values = {
            "rapport": self.occasion, "status": self.status, "q": self.text,
            "ansvarig": self.unit, "visa": "mina" if self.mine else "", "ordning": self.order,
            **changed,
        }  # fmt: skip
        return urlencode({k: v for k, v in values.items() if v})

    @property
    def params_kept(self) -> str:
        """The query string of "Visa alla": the occasion and the order stay, the narrowing
        goes."""
        return self.params(status="", q="", ansvarig="", visa="")


def headings(filters: Filters) -> list[Heading]:
    return table_headings(COLUMNS, filters.order, filters.params, numeric=("fardiggrad",))


@dataclass
class Row:
    activity: Activity
    follow_up: ActivityFollowUp | None
    may_report: bool
    form: Any = None  # the editor's form for changing the activity
    failed: bool = False  # the form holds a refused edit: shown open, as it was typed

    @property
    def version(self) -> str:
        """The version the report form is opened on (see report_version_parts)."""
        return version_of(*report_version_parts(self.activity, self.follow_up))

    @property
    def unit_texts(self) -> list[tuple[Unit, str]]:
        """Each participating unit with its comment at the occasion (empty if none yet)."""
        said = (
            {c.unit_id: c.comment for c in self.follow_up.unit_comments.all()}
            if self.follow_up
            else {}
        )
        return [(u, said.get(u.pk, "")) for u in self.activity.units.all()]


@dataclass
class Group:
    """The activities under one goal or assignment (or under neither)."""

    title: str
    kind: str  # "Mål", "Uppdrag" or ""
    rows: list[Row] = field(default_factory=list)


@dataclass
class Listing:
    groups: list[Group]
    total: int  # activities in the plan
    reported: int  # of them, with a status at the occasion

    @property
    def shown(self) -> int:
        return sum(len(g.rows) for g in self.groups)


def _reporter_id(activity: Activity) -> int | None:
    item = activity.goal or activity.assignment
    return item.reporter_id if item is not None else None


def _sort_key(column: str) -> Any:
    def key(row: Row) -> Any:
        follow_up = row.follow_up
        if column == "ansvarig":
            unit = row.activity.responsible_unit
            return (unit is None, unit.name.casefold() if unit else "")
        if column == "status":
            status = follow_up.status if follow_up else None
            return (status is None, status.position if status else 0)
        if column == "fardiggrad":
            percent = follow_up.percent_complete if follow_up else None
            return (percent is None, percent or 0)
        return row.activity.title.casefold()

    return key


def activity_listing(
    plan: Plan, occasion: ReportOccasion | None, scope: ReportScope, user_id: int | None,
    filters: Filters, only: int | None = None,
) -> Listing:  # fmt: skip
    """The activities the filters show, grouped; with `only`, just that activity (the rows a
    report sent in place answers with)."""
    activities = plan.activities.select_related(
        "goal",
        "assignment",
        "responsible_unit",
        "goal__reporter",
        "assignment__reporter",
        # What a goal without a title answers to, for its heading.
        "goal__strategic_area",
        "goal__prerequisite",
        "goal__starting_point",
    ).prefetch_related("follow_ups__status", "follow_ups__unit_comments__unit", "units")
    if only is not None:
        activities = activities.filter(pk=only)
    words = filters.text.casefold().split()
    groups: dict[tuple[str, int], Group] = {}
    total = reported = 0
    for activity in activities:
        follow_up = None
        if occasion is not None:
            follow_up = next(
                (f for f in activity.follow_ups.all() if f.occasion_id == occasion.pk), None
            )
        current = follow_up.status.key if follow_up and follow_up.status else ""
        # Reported by the rule the e-mail reminders apply too (styr.plans.reporting).
        done = activity_reported(follow_up.status_id if follow_up else None)
        total += 1
        reported += done
        if filters.status == NOT_REPORTED and done:
            continue
        if filters.status and filters.status != NOT_REPORTED and current != filters.status:
            continue
        if words and not all(w in activity.title.casefold() for w in words):
            continue
        if filters.unit and str(activity.responsible_unit_id) != filters.unit:
            continue
        if filters.mine and _reporter_id(activity) != user_id:
            continue
        item = activity.goal or activity.assignment
        may_report = scope.everything or (item is not None and scope.covers(item))
        if activity.goal is not None:
            title = goal_name(activity.goal)
            key, group = ("goal", activity.goal.pk), Group(title, pgettext("one goal", "Mål"))
        elif activity.assignment is not None:
            text = activity.assignment.text
            key, group = (
                ("assignment", activity.assignment.pk),
                Group(text, pgettext("one assignment", "Uppdrag")),
            )
        else:
            key, group = ("", 0), Group(_("Utan mål eller uppdrag"), "")
        groups.setdefault(key, group).rows.append(Row(activity, follow_up, may_report))
    if filters.order:
        column = filters.order.lstrip("-")
        for group in groups.values():
            group.rows.sort(key=_sort_key(column), reverse=filters.order.startswith("-"))
    return Listing(list(groups.values()), total, reported)
