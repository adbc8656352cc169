"""What the follow-up page shows of a report: which items, how many are reported, and each
item's previous report beside the new one.

Filters are plain GET parameters, so a filtered page is a link one can send a colleague, and
the page works without scripts:
- `visa=mina`: the items the user is the reporter of;
- `rapporterat=nej`: the items not yet reported at this occasion;
- `status=KEY`: the assignments with that status at this occasion.
"""

from dataclasses import dataclass, field
from typing import Any

from django.http import QueryDict

from styr.plans import reporting
from styr.plans.models import Plan, ReportOccasion
from styr.steering.models import GoalFollowUp


@dataclass(frozen=True)
class Filters:
    mine: bool = False
    unreported: bool = False
    status: str = ""

    @classmethod
    def from_query(cls, query: QueryDict, statuses: list[Any]) -> "Filters":
        status = query.get("status", "")
        return cls(
            mine=query.get("visa") == "mina",
            unreported=query.get("rapporterat") == "nej",
            # An unknown key filters nothing rather than everything away.
            status=status if status in {o.key for o in statuses} else "",
        )

    @property
    def active(self) -> bool:
        return self.mine or self.unreported or bool(self.status)


@dataclass
class Tally:
    """'12 av 38 rapporterade' for one kind of item, and how many the filters show."""

    label: str
    reported: int = 0
    total: int = 0
    shown: int = 0
    items: list[Any] = field(default_factory=list)


def previous_occasion(plan: Plan, occasion: ReportOccasion) -> ReportOccasion | None:
    """The report before this one in the plan's year, whose statuses are shown beside."""
    earlier = [
        o
        for o in plan.occasions.all()
        if not o.is_plan and o.pk != occasion.pk and o.position < occasion.position
    ]
    return earlier[-1] if earlier else None


def previous_goal_follow_ups(
    plan: Plan, previous: ReportOccasion | None
) -> dict[int, GoalFollowUp]:
    if previous is None:
        return {}
    found = GoalFollowUp.objects.filter(goal__plan=plan, occasion=previous).select_related(
        "fulfilment"
    )
    return {f.goal_id: f for f in found}


# Whether an item is reported at the occasion (the page sets `current` on each), by the rule
# the e-mail reminders apply too (styr.plans.reporting).
def goal_reported(row: Any) -> bool:
    return reporting.goal_reported(row.fulfilment_key, row.analysis)


def assignment_reported(assignment: Any) -> bool:
    current = assignment.current
    return current is not None and reporting.assignment_reported(current.status_id, current.comment)


def assignment_status(assignment: Any) -> str:
    current = assignment.current
    return current.status.key if current is not None and current.status_id else ""


def risk_reported(risk: Any) -> bool:
    return reporting.risk_reported(risk.current)


def _reporter_id(item: Any) -> int | None:
    goal = getattr(item, "goal", None)
    if goal is not None and not hasattr(item, "reporter_id"):
        return goal.reporter_id
    return getattr(item, "reporter_id", None)


def tally(
    label: str,
    items: list[Any],
    *,
    reported: Any,
    filters: Filters,
    user_id: int | None,
    status_of: Any = None,
) -> Tally:
    """Count the reported items and keep those the filters show."""
    result = Tally(label, total=len(items))
    for item in items:
        done = bool(reported(item))
        item.reported = done
        result.reported += done
        if filters.mine and _reporter_id(item) != user_id:
            continue
        if filters.unreported and done:
            continue
        # The status filter is the assignments' own: other kinds are left out of that view.
        if filters.status and (status_of is None or status_of(item) != filters.status):
            continue
        result.items.append(item)
    result.shown = len(result.items)
    return result
