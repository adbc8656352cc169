"""Starting next year's plan from this one: structure and texts, not outcomes or decisions."""

import re
from typing import TypeVar

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import models, transaction

from styr.activities.models import Activity
from styr.assignments.models import Assignment
from styr.audit.actions import record
from styr.finance.models import BudgetColumn, BudgetRow
from styr.indicators.models import GoalIndicator, GroupMetric
from styr.plans.models import Plan, PlanState
from styr.steering.models import MunicipalPlan

M = TypeVar("M", bound=models.Model)
Actor = AbstractBaseUser | AnonymousUser | None


class PlanExists(Exception):
    pass


def _clone(obj: M, **changes: object) -> M:
    """A saved copy of a row with some fields changed (a new primary key)."""
    obj.pk = None
    obj._state.adding = True
    for name, value in changes.items():
        setattr(obj, name, value)
    obj.save()
    return obj


def _next_title(title: str, year: int) -> str:
    return re.sub(rf"\b{year}\b", str(year + 1), title) if str(year) in title else title


def _closed(assignment: Assignment) -> bool:
    """Closed at the plan's last occasion that reports a status."""
    reported = [f for f in assignment.follow_ups.all() if f.status is not None]
    if not reported:
        return False
    last = max(reported, key=lambda f: f.occasion.position)
    return last.status is not None and last.status.key == "closed"


def do_copy_plan_to_next_year(plan: Plan, *, acting_user: Actor) -> Plan:
    """A draft plan for the next year with this plan's texts, goals and their indicators, open
    assignments, budget table rows (without amounts), risks, metric groups and plan items.

    Outcomes, statuses, comments, stated totals and the adoption are this year's and stay."""
    year = plan.year + 1
    with transaction.atomic():
        if Plan.objects.filter(body=plan.body, year=year).exists():
            raise PlanExists(f"{plan.body} har redan en plan för {year}.")
        source = Plan.objects.get(pk=plan.pk)
        new = _clone(
            Plan.objects.get(pk=plan.pk),
            year=year, title=_next_title(plan.title, plan.year), state=PlanState.DRAFT,
            adopted_on=None, adopted_minute="",
        )  # fmt: skip
        for occasion in source.occasions.all():
            date = occasion.date.replace(year=occasion.date.year + 1) if occasion.date else None
            _clone(occasion, plan=new, name=_next_title(occasion.name, plan.year), date=date)
        for text in source.texts.all():
            _clone(text, plan=new)
        _copy_goals(source, new)
        for assignment in source.assignments.prefetch_related(
            "follow_ups__status", "follow_ups__occasion"
        ):
            if not _closed(assignment):
                _clone(assignment, plan=new)
        _copy_budget(source, new)
        for category in source.risk_categories.prefetch_related("risks"):
            risks = list(category.risks.all())
            category_copy = _clone(category, plan=new)
            for risk in risks:
                _clone(risk, category=category_copy)
        for group in source.metric_groups.all():
            links = list(GroupMetric.objects.filter(group=group))
            group_copy = _clone(group, plan=new)
            for link in links:
                _clone(link, group=group_copy)
        for manager in ("digitalisation_items", "premises_needs", "competence_needs"):
            for item in getattr(source, manager).all():
                _clone(item, plan=new)
        record(
            "plan_copied",
            acting_user=acting_user,
            obj=new,
            changes={"from": plan.pk, "year": [plan.year, year]},
        )
    return new


def _copy_goals(source: Plan, new: Plan) -> None:
    # Goals answer to next year's council steering when it is in place (matched by key).
    upcoming = MunicipalPlan.objects.filter(
        municipality=source.body.municipality, year=new.year
    ).first()
    for goal in source.goals.select_related(
        "strategic_area", "municipal_goal", "prerequisite", "starting_point"
    ):
        links = list(GoalIndicator.objects.filter(goal=goal))
        activities = list(Activity.objects.filter(goal=goal, assignment__isnull=True))
        changes: dict[str, object] = {"plan": new}
        if upcoming is not None:
            for field, manager in (
                ("strategic_area", upcoming.strategic_areas),
                ("municipal_goal", upcoming.municipal_goals),
                ("prerequisite", upcoming.prerequisites),
                ("starting_point", upcoming.starting_points),
            ):
                current = getattr(goal, field)
                if current is not None:
                    changes[field] = manager.filter(key=current.key).first() or current
        copy = _clone(goal, **changes)
        for link in links:
            _clone(link, goal=copy)
        for activity in activities:
            _clone(activity, plan=new, goal=copy)


def _copy_budget(source: Plan, new: Plan) -> None:
    for table in source.budget_tables.all():
        columns = list(BudgetColumn.objects.filter(table=table))
        rows = list(BudgetRow.objects.filter(table=table))
        copy = _clone(table, plan=new, comment="")
        for column in columns:
            _clone(
                column, table=copy, year=column.year + 1,
                key=re.sub(rf"{column.year}$", str(column.year + 1), column.key),
            )  # fmt: skip
        for row in rows:
            _clone(row, table=copy, comment="")
