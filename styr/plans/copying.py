"""Starting next year's plan from this one: structure and texts, not outcomes or decisions."""

import re
from datetime import date
from typing import TypeVar

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import models, transaction
from django.utils.translation import gettext as _

from styr.activities.models import Activity
from styr.assignments.models import Assignment
from styr.audit.actions import record
from styr.finance.actions import plan_year_budget
from styr.finance.models import BudgetCell, BudgetColumn, BudgetRow, ColumnKind
from styr.indicators.models import GoalIndicator, GroupMetric
from styr.indicators.rollup import keep_current
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
    assignments, budget table rows (without amounts, but with this year's budget as the new
    plan's previous-year column), risks, metric groups and plan items.

    Outcomes, statuses, comments, stated totals and the adoption are this year's and stay."""
    year = plan.year + 1
    with transaction.atomic():
        if Plan.objects.filter(body=plan.body, year=year).exists():
            raise PlanExists(
                _("%(body)s har redan en plan för %(year)s.") % {"body": plan.body, "year": year}
            )
        source = Plan.objects.get(pk=plan.pk)
        new = _clone(
            Plan.objects.get(pk=plan.pk),
            year=year, title=_next_title(plan.title, plan.year), state=PlanState.DRAFT,
            adopted_on=None, adopted_minute="",
        )  # fmt: skip
        for occasion in source.occasions.all():
            day = _a_year_on(occasion.date)
            # Next year's reports start as drafts: this year's decisions stay with this year.
            _clone(
                occasion, plan=new, name=_next_title(occasion.name, plan.year), date=day,
                deadline=_a_year_on(occasion.deadline),
                state=PlanState.DRAFT, adopted_on=None, adopted_minute="",
            )  # fmt: skip
        # The plan's own texts carry over; what a report said belongs to its year.
        for text in source.texts.of_plan():
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
        keep_current({new.pk})
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
            # What this year's decision published is this year's; the new plan's decision
            # records its own (GoalIndicator.published).
            _clone(link, goal=copy, published=True)
        for activity in activities:
            taking_part = list(activity.units.all())
            _clone(activity, plan=new, goal=copy).units.set(taking_part)


def _copy_budget(source: Plan, new: Plan) -> None:
    """Each table with its columns a year on and its rows without amounts, except that the
    column now covering the year just planned takes the budget decided for it: the new plan's
    previous-year column. Follow-up columns go with the new plan's report occasions."""
    occasions = {o.key: o for o in new.occasions.all()}
    for table in source.budget_tables.all():
        columns = list(BudgetColumn.objects.filter(table=table).select_related("occasion"))
        rows = list(BudgetRow.objects.filter(table=table))
        decided_budget = plan_year_budget(table, source.year)
        # _clone gives the very objects new keys: note what refers to what first.
        formulas = {c.pk: (c.minuend_id, c.subtrahend_id) for c in columns if c.is_computed}
        carried_from = next(
            (
                c.pk
                for c in columns
                if c.kind == ColumnKind.BUDGET and c.year + 1 == source.year and not c.is_follow_up
            ),
            None,
        )
        copy = _clone(table, plan=new, comment="")
        copies: dict[int, BudgetColumn] = {}
        for column in columns:
            old_pk = column.pk
            occasion = occasions.get(column.occasion.key) if column.occasion else None
            copies[old_pk] = _clone(
                column, table=copy, year=column.year + 1, occasion=occasion,
                key=re.sub(rf"{column.year}$", str(column.year + 1), column.key),
                period_start=_a_year_on(column.period_start),
                period_end=_a_year_on(column.period_end),
                minuend=None, subtrahend=None,
            )  # fmt: skip
        for old_pk, (left, right) in formulas.items():
            if left in copies and right in copies:
                made = copies[old_pk]
                made.minuend, made.subtrahend = copies[left], copies[right]
                made.save(update_fields=["minuend", "subtrahend"])
        row_copies = {}
        for row in rows:
            old_pk = row.pk
            row_copies[old_pk] = _clone(row, table=copy, comment="")
        if carried_from is not None and decided_budget is not None:
            for cell in BudgetCell.objects.filter(
                column=decided_budget, row_id__in=list(row_copies)
            ):
                BudgetCell.objects.create(
                    row=row_copies[cell.row_id], column=copies[carried_from], amount=cell.amount
                )


def _a_year_on(day: date | None) -> date | None:
    if day is None:
        return None
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28)
