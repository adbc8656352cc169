"""Entering a budget table's amounts. Sum rows are derived; a stated sum is kept as stated."""

from decimal import Decimal

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import transaction

from styr.audit.actions import record
from styr.core.conflicts import Seen, check_seen
from styr.finance.models import BudgetCell, BudgetColumn, BudgetRow
from styr.plans.actions import refuse_if_locked

Actor = AbstractBaseUser | AnonymousUser | None


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
    plan = row.table.plan
    refuse_if_locked(plan, f"budget {row.table.key}/{row.key}/{column.key}", acting_user)
    with transaction.atomic():
        cell = BudgetCell.objects.select_for_update().filter(row=row, column=column).first()
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
