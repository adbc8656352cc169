"""Budget tables: operating budget, capital budget and development frame.

Amounts are exact decimals in the table's unit (mnkr, tkr or kr). A sum row is derived from
the item rows above it; the cells stored on it are what the plan states, so a stated total
that differs from the computed one can be found and reported.

A table's columns are data. A column without a report occasion is part of the plan that the
body decides (last year's budget, this year's budget, the plan years); a column of a report
occasion is follow-up entered after adoption (the outcome for a period, the forecast for the
year, the deviation). A deviation column is either computed from two other columns of the
table (`minuend − subtrahend`, which is how the report's sign convention is chosen) or typed.
"""

import re
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from styr.assignments.models import CostUnit
from styr.plans.models import OccasionKind


class TableKind(models.TextChoices):
    OPERATING = "operating", _("Driftbudget")
    CAPITAL = "capital", _("Investeringsbudget")
    DEVELOPMENT = "development", _("Exploateringsram")


class ColumnKind(models.TextChoices):
    BUDGET = "budget", _("Budget")
    REVISED_BUDGET = "revised_budget", _("Reviderad budget")
    OUTCOME = "outcome", _("Utfall")
    ACCUMULATED = "accumulated", _("Ackumulerat utfall")
    FORECAST = "forecast", _("Prognos")
    DEVIATION = "deviation", _("Avvikelse")


# The placeholders a column label may use: "Tertial jan–april {year}", "Utfall {period}".
COLUMN_PLACEHOLDERS = frozenset({"year", "kind", "occasion", "period", "from", "to"})

SWEDISH_MONTHS = (
    "januari", "februari", "mars", "april", "maj", "juni",
    "juli", "augusti", "september", "oktober", "november", "december",
)  # fmt: skip


def unknown_placeholders(label: str) -> list[str]:
    """The {names} in a column label that no column can fill."""
    return [n for n in re.findall(r"\{([^{}]*)\}", label) if n not in COLUMN_PLACEHOLDERS]


def placeholder_message(unknown: list[str]) -> str:
    known = ", ".join("{" + n + "}" for n in sorted(COLUMN_PLACEHOLDERS))
    return gettext("%(unknown)s är ingen platshållare (platshållarna är: %(known)s)") % {
        "unknown": ", ".join("{" + n + "}" for n in unknown),
        "known": known,
    }


def swedish_date(day: date) -> str:
    """31 augusti 2024."""
    return f"{day.day} {SWEDISH_MONTHS[day.month - 1]} {day.year}"


class RowKind(models.TextChoices):
    ITEM = "item", _("Post")
    SUM = "sum", _("Summa")


class BudgetTable(models.Model):
    """One budget table of a plan, e.g. "Driftbudget - Belopp i miljoner kronor (Mnkr)"."""

    plan = models.ForeignKey("plans.Plan", on_delete=models.CASCADE, related_name="budget_tables")
    key = models.SlugField(_("nyckel"), max_length=64)
    kind = models.CharField(_("typ"), max_length=16, choices=TableKind.choices)
    title = models.CharField(_("rubrik"), max_length=300)
    unit = models.CharField(
        _("enhet"), max_length=4, choices=CostUnit.choices, default=CostUnit.MNKR
    )
    decimals = models.PositiveSmallIntegerField(_("decimaler"), default=1)
    comment = models.TextField(
        _("kommentar"), blank=True, help_text="Markdown comment on the table."
    )
    position = models.PositiveIntegerField(_("ordning"), default=0)

    class Meta:
        verbose_name = _("budgettabell")
        verbose_name_plural = _("budgettabeller")
        # By the parent's id: ordering by the parent itself joins its own ordering's tables
        # (a plan's body and municipality) into every query, prefetches among them.
        ordering = ["plan_id", "position"]
        constraints = [models.UniqueConstraint(fields=["plan", "key"], name="budget_table_key")]

    def __str__(self) -> str:
        return self.title


class BudgetColumnQuerySet(models.QuerySet["BudgetColumn"]):
    def decided(self) -> "BudgetColumnQuerySet":
        """The columns the plan decides: those of no report occasion, or of the plan's own."""
        return self.filter(
            models.Q(occasion__isnull=True) | models.Q(occasion__kind=OccasionKind.PLAN)
        )


class BudgetColumn(models.Model):
    """A column of a budget table: what it holds (kind), for which year, and for follow-up
    columns the report occasion and period it belongs to."""

    table = models.ForeignKey(BudgetTable, on_delete=models.CASCADE, related_name="columns")
    key = models.SlugField(_("nyckel"), max_length=64)
    kind = models.CharField(_("typ"), max_length=16, choices=ColumnKind.choices)
    year = models.PositiveIntegerField(_("år"))
    label_template = models.CharField(
        _("rubrik"),
        max_length=200,
        blank=True,
        help_text="The column's heading as the report prints it, e.g. 'Tertial jan–april {year}' "
        "or 'Bokslut {year}'; empty gives the kind and year ('Budget 2024').",
    )
    occasion = models.ForeignKey(
        "plans.ReportOccasion",
        verbose_name=_("rapporttillfälle"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="budget_columns",
        help_text="The report occasion whose follow-up the column holds (outcome, forecast, "
        "deviation); empty for the plan's own, decided columns.",
    )
    period_start = models.DateField(
        _("från"), null=True, blank=True, help_text="First day of the period an outcome covers."
    )
    period_end = models.DateField(
        _("till"), null=True, blank=True, help_text="Last day of the period an outcome covers."
    )
    minuend = models.ForeignKey(
        "self",
        verbose_name=_("avvikelse: från"),
        null=True,
        blank=True,
        on_delete=models.RESTRICT,
        related_name="+",
        help_text="A computed deviation is this column's amount minus the subtrahend's.",
    )
    subtrahend = models.ForeignKey(
        "self",
        verbose_name=_("avvikelse: minus"),
        null=True,
        blank=True,
        on_delete=models.RESTRICT,
        related_name="+",
    )
    position = models.PositiveIntegerField(_("ordning"), default=0)

    objects = BudgetColumnQuerySet.as_manager()

    class Meta:
        verbose_name = _("kolumn")
        verbose_name_plural = _("kolumner")
        ordering = ["table", "position"]
        constraints = [models.UniqueConstraint(fields=["table", "key"], name="budget_column_key")]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        """The heading with the column's own facts filled in: "Prognos helår 2024"."""
        template = self.label_template or "{kind} {year}"
        facts = {
            "year": str(self.year),
            "kind": str(ColumnKind(self.kind).label),
            "occasion": self.occasion.name if self.occasion_id and self.occasion else "",
            "from": swedish_date(self.period_start) if self.period_start else "",
            "to": swedish_date(self.period_end) if self.period_end else "",
            "period": period_text(self.period_start, self.period_end),
        }
        for name, value in facts.items():
            template = template.replace("{" + name + "}", value)
        # A placeholder with nothing to fill ("Utfall {period}" without a period) leaves no gap.
        return " ".join(template.split())

    def formula_problem(
        self, minuend: "BudgetColumn | None", subtrahend: "BudgetColumn | None"
    ) -> str:
        """Why these two columns cannot make this column's deviation; "" if they can.

        The one rule for every route: plan files, the admin and whatever comes next."""
        if minuend is None and subtrahend is None:
            return ""
        if minuend is None or subtrahend is None:
            return gettext("en beräknad avvikelse behöver två kolumner")
        if self.kind != ColumnKind.DEVIATION:
            return gettext("bara en avvikelsekolumn (kind: deviation) har en formel")
        for other in (minuend, subtrahend):
            if other.table_id != self.table_id:
                return gettext("”%(key)s” är en kolumn i en annan tabell") % {"key": other.key}
            if self.pk is not None and other.pk == self.pk:
                return gettext("en avvikelse kan inte räknas ut från sig själv")
            if other.kind == ColumnKind.DEVIATION:
                return gettext(
                    "”%(key)s” är själv en avvikelse; räkna ut från kolumner med belopp"
                ) % {"key": other.key}
        return ""

    def clean(self) -> None:
        problem = self.formula_problem(self.minuend, self.subtrahend)
        if problem:
            raise ValidationError({"minuend": problem})
        unknown = unknown_placeholders(self.label_template)
        if unknown:
            raise ValidationError({"label_template": placeholder_message(unknown)})

    @property
    def is_computed(self) -> bool:
        """A deviation derived from two columns; it is never typed."""
        return self.minuend_id is not None and self.subtrahend_id is not None

    @property
    def is_follow_up(self) -> bool:
        """Entered at a report occasion after adoption, not decided with the plan."""
        return self.occasion_id is not None and (
            self.occasion is None or self.occasion.kind != OccasionKind.PLAN
        )

    @property
    def formula(self) -> str:
        """ "prognos-delar - budget-2024", as plan files write it; "" for a typed column."""
        if not self.is_computed:
            return ""
        assert self.minuend is not None and self.subtrahend is not None
        return f"{self.minuend.key} - {self.subtrahend.key}"


def period_text(start: date | None, end: date | None) -> str:
    """jan–aug 2024; a whole year is just the year."""
    if start is None or end is None:
        return ""
    if (start.month, start.day, end.month, end.day) == (1, 1, 12, 31) and start.year == end.year:
        return str(start.year)
    first, last = SWEDISH_MONTHS[start.month - 1][:3], SWEDISH_MONTHS[end.month - 1][:3]
    if start.year == end.year:
        return f"{first}–{last} {end.year}"
    return f"{first} {start.year}–{last} {end.year}"


class BudgetRow(models.Model):
    """A row of a budget table: an item (Intäkter) or a derived sum (Nettokostnader)."""

    table = models.ForeignKey(BudgetTable, on_delete=models.CASCADE, related_name="rows")
    key = models.SlugField(_("nyckel"), max_length=64)
    label = models.CharField(_("rad"), max_length=300)
    kind = models.CharField(_("typ"), max_length=8, choices=RowKind.choices, default=RowKind.ITEM)
    comment = models.TextField(
        _("kommentar"), blank=True, help_text="The plan's comment on this row group, Markdown."
    )
    position = models.PositiveIntegerField(_("ordning"), default=0)

    class Meta:
        verbose_name = _("rad")
        verbose_name_plural = _("rader")
        ordering = ["table", "position"]
        constraints = [models.UniqueConstraint(fields=["table", "key"], name="budget_row_key")]

    def __str__(self) -> str:
        return self.label


class BudgetCell(models.Model):
    """An amount in a budget table. On a sum row, the amount the plan states."""

    row = models.ForeignKey(BudgetRow, on_delete=models.CASCADE, related_name="cells")
    column = models.ForeignKey(BudgetColumn, on_delete=models.CASCADE, related_name="cells")
    amount = models.DecimalField(_("belopp"), max_digits=20, decimal_places=4)

    class Meta:
        verbose_name = _("belopp")
        verbose_name_plural = pgettext_lazy("plural", "belopp")
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

    Returns {(row id, column id): sum}; a column with no item amounts (a computed deviation
    has none) has no sum: `amounts` derives those.
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


def amounts(
    rows: list[BudgetRow], columns: list[BudgetColumn], *, decimals: int | None = None
) -> dict[tuple[int, int], Decimal]:
    """Every amount a table shows: stated cells, sums where none is stated, and computed
    deviations. With `decimals`, deviations are taken of the amounts rounded as printed, so
    that each row adds up on paper.

    A column that a deviation refers to may lie outside `columns` (a report showing only the
    deviation); its cells are read all the same.
    """
    cells = stated_amounts(rows)
    by_id = {c.pk: c for c in columns}
    shown = dict(cells)
    for key, value in computed_sums(rows, cells, columns).items():
        shown.setdefault(key, value)
    for column in columns:
        if not column.is_computed:
            continue
        assert column.minuend_id is not None and column.subtrahend_id is not None
        left = by_id.get(column.minuend_id)
        right = by_id.get(column.subtrahend_id)
        if left is None or right is None:
            # Sums of the referred column, when it is not among those shown.
            referred = [c for c in (left, right) if c is not None]
            missing = {column.minuend_id, column.subtrahend_id} - {c.pk for c in referred}
            extra = list(BudgetColumn.objects.filter(pk__in=missing))
            for key, value in computed_sums(rows, cells, extra).items():
                shown.setdefault(key, value)
        pending: list[Decimal] = []
        for row in rows:
            key = (row.pk, column.pk)
            if row.kind == RowKind.SUM:
                # The deviations of the rows above, added: a half-reported forecast must not
                # be set against the whole budget.
                if pending:
                    shown[key] = sum(pending, Decimal(0))
                else:
                    shown.pop(key, None)
                pending = []
                continue
            a = shown.get((row.pk, column.minuend_id))
            b = shown.get((row.pk, column.subtrahend_id))
            if a is None or b is None:
                shown.pop(key, None)
                continue
            if decimals is not None:
                step = Decimal(1).scaleb(-decimals)
                a = a.quantize(step, rounding=ROUND_HALF_UP)
                b = b.quantize(step, rounding=ROUND_HALF_UP)
            shown[key] = a - b
            pending.append(a - b)
    return shown
