"""Budget tables: operating budget, capital budget and development frame.

Amounts are exact decimals in the table's unit (mnkr, tkr or kr). A sum row is derived from
the item rows above it; the cells stored on it are what the plan states, so a stated total
that differs from the computed one can be found and reported.
"""

from decimal import Decimal

from django.db import models

from styr.assignments.models import CostUnit


class TableKind(models.TextChoices):
    OPERATING = "operating", "Driftbudget"
    CAPITAL = "capital", "Investeringsbudget"
    DEVELOPMENT = "development", "Exploateringsram"


class ColumnKind(models.TextChoices):
    BUDGET = "budget", "Budget"
    FORECAST = "forecast", "Prognos"
    OUTCOME = "outcome", "Utfall"


class RowKind(models.TextChoices):
    ITEM = "item", "Post"
    SUM = "sum", "Summa"


class BudgetTable(models.Model):
    """One budget table of a plan, e.g. "Driftbudget - Belopp i miljoner kronor (Mnkr)"."""

    plan = models.ForeignKey("plans.Plan", on_delete=models.CASCADE, related_name="budget_tables")
    key = models.SlugField("nyckel", max_length=64)
    kind = models.CharField("typ", max_length=16, choices=TableKind.choices)
    title = models.CharField("rubrik", max_length=300)
    unit = models.CharField("enhet", max_length=4, choices=CostUnit.choices, default=CostUnit.MNKR)
    decimals = models.PositiveSmallIntegerField("decimaler", default=1)
    comment = models.TextField("kommentar", blank=True, help_text="Markdown comment on the table.")
    position = models.PositiveIntegerField("ordning", default=0)

    class Meta:
        verbose_name = "budgettabell"
        verbose_name_plural = "budgettabeller"
        ordering = ["plan", "position"]
        constraints = [models.UniqueConstraint(fields=["plan", "key"], name="budget_table_key")]

    def __str__(self) -> str:
        return self.title


class BudgetColumn(models.Model):
    """A column of a budget table: budget, forecast or outcome of a year."""

    table = models.ForeignKey(BudgetTable, on_delete=models.CASCADE, related_name="columns")
    key = models.SlugField("nyckel", max_length=64)
    kind = models.CharField("typ", max_length=16, choices=ColumnKind.choices)
    year = models.PositiveIntegerField("år")
    position = models.PositiveIntegerField("ordning", default=0)

    class Meta:
        verbose_name = "kolumn"
        verbose_name_plural = "kolumner"
        ordering = ["table", "position"]
        constraints = [models.UniqueConstraint(fields=["table", "key"], name="budget_column_key")]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return f"{ColumnKind(self.kind).label} {self.year}"


class BudgetRow(models.Model):
    """A row of a budget table: an item (Intäkter) or a derived sum (Nettokostnader)."""

    table = models.ForeignKey(BudgetTable, on_delete=models.CASCADE, related_name="rows")
    key = models.SlugField("nyckel", max_length=64)
    label = models.CharField("rad", max_length=300)
    kind = models.CharField("typ", max_length=8, choices=RowKind.choices, default=RowKind.ITEM)
    comment = models.TextField(
        "kommentar", blank=True, help_text="The plan's comment on this row group, Markdown."
    )
    position = models.PositiveIntegerField("ordning", default=0)

    class Meta:
        verbose_name = "rad"
        verbose_name_plural = "rader"
        ordering = ["table", "position"]
        constraints = [models.UniqueConstraint(fields=["table", "key"], name="budget_row_key")]

    def __str__(self) -> str:
        return self.label


class BudgetCell(models.Model):
    """An amount in a budget table. On a sum row, the amount the plan states."""

    row = models.ForeignKey(BudgetRow, on_delete=models.CASCADE, related_name="cells")
    column = models.ForeignKey(BudgetColumn, on_delete=models.CASCADE, related_name="cells")
    amount = models.DecimalField("belopp", max_digits=20, decimal_places=4)

    class Meta:
        verbose_name = "belopp"
        verbose_name_plural = "belopp"
        constraints = [models.UniqueConstraint(fields=["row", "column"], name="budget_cell_unique")]

    def __str__(self) -> str:
        return f"{self.row} {self.column}: {self.amount}"


def stated_amounts(rows: list[BudgetRow]) -> dict[tuple[int, int], Decimal]:
    """{(row id, column id): amount} of the rows, their cells prefetched."""
    return {(row.pk, cell.column_id): cell.amount for row in rows for cell in row.cells.all()}


def computed_sums(
    rows: list[BudgetRow], cells: dict[tuple[int, int], Decimal], columns: list[BudgetColumn]
) -> dict[tuple[int, int], Decimal]:
    """The derived value of every sum row: the item rows above it, back to the previous sum.

    Returns {(row id, column id): sum}; a column with no item amounts has no sum.
    """
    result: dict[tuple[int, int], Decimal] = {}
    pending: list[BudgetRow] = []
    for row in rows:
        if row.kind != RowKind.SUM:
            pending.append(row)
            continue
        for column in columns:
            amounts = [cells[(r.pk, column.pk)] for r in pending if (r.pk, column.pk) in cells]
            if amounts:
                result[(row.pk, column.pk)] = sum(amounts, Decimal(0))
        pending = []
    return result
