"""Entering a budget table's amounts, and the follow-up columns of a report occasion.

Sum rows are derived; a stated sum is kept as stated. Amounts of the plan's own columns are
the body's decision and are refused once the plan is adopted; amounts of a report occasion's
columns (outcome, forecast, a typed deviation) are follow-up and go on until the plan is locked.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import cache
from importlib import resources
from typing import Any

import yaml
from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import transaction
from django.db.models import Max
from django.utils import translation
from django.utils.translation import gettext as _

from styr.audit.actions import record
from styr.core.conflicts import Seen, check_seen
from styr.finance.models import BudgetCell, BudgetColumn, BudgetRow, BudgetTable, ColumnKind
from styr.plans.actions import refuse_if_locked
from styr.plans.models import OccasionKind, Plan, ReportOccasion

Actor = AbstractBaseUser | AnonymousUser | None


class BudgetError(Exception):
    """A budget change that cannot be made, with a message for the official."""


def do_set_budget_cell(
    row: BudgetRow,
    column: BudgetColumn,
    amount: Decimal | None,
    *,
    acting_user: Actor,
    seen: Seen | None = None,
) -> BudgetCell | None:
    """Set (or, with None, clear) one amount of a budget table.

    With `seen`, the amount the editor began from: raises StaleValue if it has changed since.
    """
    if row.table_id != column.table_id:
        raise ValueError(f"{row} and {column} are not of the same table")
    if column.is_computed:
        raise BudgetError(
            _("%(column)s räknas fram (%(minuend)s − %(subtrahend)s) och skrivs inte in.")
            % {"column": column.label, "minuend": column.minuend, "subtrahend": column.subtrahend}
        )
    plan = row.table.plan
    refuse_if_locked(
        plan,
        f"budget {row.table.key}/{row.key}/{column.key}",
        acting_user,
        follow_up=column.is_follow_up,
        # Translators: "the budget", inserted in "… and {what} is part of the decision".
        what=_("budgeten"),
        occasion=column.occasion if column.is_follow_up else None,
    )
    with transaction.atomic():
        # The row is the lock for its cells: two first amounts for an empty cell at once wait
        # for each other, and the second sees the first (never a 500).
        BudgetRow.objects.select_for_update(of=("self",)).filter(pk=row.pk).first()
        cell = (
            BudgetCell.objects.select_for_update(of=("self",))
            .filter(row=row, column=column)
            .first()
        )
        check_seen(seen, cell.amount if cell is not None else None)
        before = format(cell.amount.normalize(), "f") if cell is not None else None
        if amount is None:
            if cell is not None:
                cell.delete()
            cell = None
        elif cell is None:
            cell = BudgetCell.objects.create(row=row, column=column, amount=amount)
        else:
            cell.amount = amount
            cell.save(update_fields=["amount"])
        after = format(amount.normalize(), "f") if amount is not None else None
        if before != after:
            record(
                "budget_amount_set",
                acting_user=acting_user,
                obj=row.table,
                changes={"row": row.label, "column": column.key, "amount": [before, after]},
            )
    return cell


@dataclass(frozen=True)
class ColumnRecipe:
    kind: str
    label: str
    period: str = ""  # year_to_date, whole_year or nothing
    formula: tuple[str, str] | None = None


@cache
def follow_up_recipes() -> dict[str, tuple[ColumnRecipe, ...]]:
    """The shipped follow-up columns per kind of occasion (finance/reference)."""
    text = (
        resources.files("styr.finance.reference")
        .joinpath("follow-up-columns.yaml")
        .read_text("utf-8")
    )
    data: dict[str, Any] = yaml.safe_load(text)
    return {
        kind: tuple(
            ColumnRecipe(
                kind=item["kind"],
                label=item.get("label", ""),
                period=item.get("period", ""),
                formula=tuple(item["formula"]) if "formula" in item else None,
            )
            for item in items
        )
        for kind, items in data.items()
        if kind != "version"
    }


def plan_year_budget(table: BudgetTable, year: int) -> BudgetColumn | None:
    """The decided budget a follow-up compares with: the revised budget where there is one."""
    decided = [c for c in table.columns.decided() if c.year == year]
    for kind in (ColumnKind.REVISED_BUDGET, ColumnKind.BUDGET):
        found = [c for c in decided if c.kind == kind]
        if found:
            return found[-1]
    return None


def do_add_follow_up_columns(
    plan: Plan, occasion: ReportOccasion, *, acting_user: Actor
) -> list[BudgetColumn]:
    """Give each budget table of the plan the follow-up columns of the occasion (outcome,
    forecast, deviation against the year's budget), unless it has columns of it already.

    Preparing the follow-up is follow-up: allowed on an adopted plan, refused on a locked one.
    """
    if occasion.plan_id != plan.pk:
        raise ValueError(f"{occasion} is not an occasion of {plan}")
    if occasion.kind == OccasionKind.PLAN:
        raise BudgetError(
            _("Planen själv har ingen uppföljning; välj en delårs- eller årsrapport.")
        )
    refuse_if_locked(
        plan,
        f"add follow-up columns {occasion.key}",
        acting_user,
        follow_up=True,
        occasion=occasion,
    )
    recipes = follow_up_recipes().get(occasion.kind, ())
    created: list[BudgetColumn] = []
    with transaction.atomic():
        for table in plan.budget_tables.select_for_update(of=("self",)).order_by("position"):
            if table.columns.filter(occasion=occasion).exists():
                continue
            created += _add_columns(table, occasion, recipes, plan.year)
        if created:
            # The log keeps the columns' headings in the municipality's language.
            with translation.override(settings.LANGUAGE_CODE):
                columns = [f"{c.table.title}: {c.label}" for c in created]
            record(
                "budget_follow_up_prepared",
                acting_user=acting_user,
                obj=plan,
                changes={
                    "occasion": occasion.name,
                    "columns": columns,
                },
            )
    return created


def _add_columns(
    table: BudgetTable, occasion: ReportOccasion, recipes: tuple[ColumnRecipe, ...], year: int
) -> list[BudgetColumn]:
    taken = set(table.columns.values_list("key", flat=True))
    position = table.columns.aggregate(m=Max("position"))["m"] or 0
    made: dict[str, BudgetColumn] = {}
    budget = plan_year_budget(table, year)
    out = []
    for recipe in recipes:
        refs: list[BudgetColumn | None] = []
        if recipe.formula:
            refs = [budget if name == "budget" else made.get(name) for name in recipe.formula]
            if None in refs:
                continue  # nothing to compare with: the table has no budget for the year
        key = _free_key(f"{recipe.kind}-{occasion.key}", taken)
        position += 1
        start, end = _period(recipe.period, year, occasion)
        column = BudgetColumn.objects.create(
            table=table,
            key=key,
            kind=recipe.kind,
            year=year,
            label_template=recipe.label,
            occasion=occasion,
            period_start=start,
            period_end=end,
            minuend=refs[0] if refs else None,
            subtrahend=refs[1] if refs else None,
            position=position,
        )
        made[recipe.kind] = column
        out.append(column)
    return out


def _free_key(base: str, taken: set[str]) -> str:
    key, n = base[:60], 2
    while key in taken:
        key, n = f"{base[:57]}-{n}", n + 1
    taken.add(key)
    return key


def _period(kind: str, year: int, occasion: ReportOccasion) -> tuple[date | None, date | None]:
    if kind == "whole_year":
        return date(year, 1, 1), date(year, 12, 31)
    if kind == "year_to_date" and occasion.date is not None:
        return date(occasion.date.year, 1, 1), occasion.date
    return None, None
