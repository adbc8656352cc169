"""The workbook's sheets and columns for a plan: the one definition export and import share.

Every column a sheet has follows from the plan (its year, report occasions and budget
tables), never from the values it holds, so a workbook edited for weeks is read against the
same layout it was written with as long as the plan's structure stands. The sheet names and
headers are a file format: they are Swedish whatever language the official reads Styr in.
"""

import re
from dataclasses import dataclass

from django.conf import settings
from django.utils import translation

from styr.finance.models import BudgetTable
from styr.indicators.models import ValueKind
from styr.plans.models import OccasionKind, Plan, ReportOccasion

FORMAT_VERSION = 1

ABOUT = "Om"
LISTS = "Listor"
INDICATORS = "Indikatorer"
METRICS = "Följetal"
ASSIGNMENTS = "Uppdrag"
RISKS = "Risker"
ACTIVITIES = "Aktiviteter"
KEY = "Nyckel"

# The years a plan's measures are shown for: as the plan document's default tables do,
# indicators three years back to next year's target, metrics three years back to the plan year.
INDICATOR_YEARS = (-3, 1)
METRIC_YEARS = (-3, 0)
INDICATOR_KINDS = (ValueKind.OUTCOME, ValueKind.INTERIM_OUTCOME, ValueKind.FORECAST)
METRIC_KINDS = INDICATOR_KINDS

# Status and grade lists are data (reference scales), named by their keys.
STATUS_SCALE = "assignment-status"
GRADE_SCALE = "fulfilment-grade"
ACTIVITY_SCALE = "activity-status"

YES, NO = "Ja", "Nej"


@dataclass(frozen=True)
class Column:
    """A column: its header, what it holds, and whether an import reads it."""

    header: str
    field: str
    editable: bool = False
    width: float = 14
    year: int = 0
    kind: str = ""
    occasion: ReportOccasion | None = None
    budget_column_id: int = 0
    follow_up: bool = False  # a budget column of a report occasion, not the plan's decision
    # A computed deviation: the budget column ids it is the difference of.
    formula: tuple[int, int] | None = None


@dataclass(frozen=True)
class SheetLayout:
    name: str
    kind: str
    columns: tuple[Column, ...]
    table: BudgetTable | None = None

    @property
    def key_column(self) -> Column:
        return self.columns[0]


def _key() -> Column:
    # Narrow: the key ties a row to its object and is not for reading.
    return Column(KEY, "key", width=10)


def indicator_layout(plan: Plan) -> SheetLayout:
    columns = [_key(), Column("Mål", "goal", width=30), Column("Indikator", "name", width=45),
               Column("Enhet", "unit", width=8)]  # fmt: skip
    first, last = INDICATOR_YEARS
    for year in range(plan.year + first, plan.year + last + 1):
        for kind in INDICATOR_KINDS:
            columns.append(Column(f"{kind.label} {year}", "value", True, 12, year, kind))
        columns.append(Column(f"Jämförelse {year}", "comparator", True, 11, year))
        columns.append(
            Column(f"{ValueKind.TARGET.label} {year}", "value", True, 12, year, ValueKind.TARGET)
        )
    return SheetLayout(INDICATORS, "indicators", tuple(columns))


def metric_layout(plan: Plan) -> SheetLayout:
    columns = [_key(), Column("Grupp", "group", width=30), Column("Följetal", "name", width=45),
               Column("Enhet", "unit", width=8)]  # fmt: skip
    first, last = METRIC_YEARS
    for year in range(plan.year + first, plan.year + last + 1):
        for kind in METRIC_KINDS:
            columns.append(Column(f"{kind.label} {year}", "value", True, 12, year, kind))
    return SheetLayout(METRICS, "metrics", tuple(columns))


def _occasions(plan: Plan) -> list[ReportOccasion]:
    return list(plan.occasions.all())


def assignment_layout(plan: Plan, occasions: list[ReportOccasion]) -> SheetLayout:
    columns = [_key(), Column("Uppdrag från", "origin", width=20),
               Column("Uppdrag", "text", width=60)]  # fmt: skip
    for occasion in occasions:
        columns.append(Column(f"Status – {occasion.name}", "status", True, 16, occasion=occasion))
        columns.append(
            Column(f"Kommentar – {occasion.name}", "comment", True, 50, occasion=occasion)
        )
        # Ja: the comment is internal, and the open portal never shows it.
        columns.append(Column(f"Intern – {occasion.name}", "internal", True, 10, occasion=occasion))
        # The fulfilment grade (Helt … Inte alls) is the annual report's judgement.
        if occasion.kind == OccasionKind.ANNUAL:
            columns.append(
                Column(f"Måluppfyllelse – {occasion.name}", "grade", True, 16, occasion=occasion)
            )
    return SheetLayout(ASSIGNMENTS, "assignments", tuple(columns))


def activity_layout(plan: Plan, occasions: list[ReportOccasion]) -> SheetLayout:
    """An activity's progress per report: status, percent complete (färdiggrad), comment and
    the participating units' comments."""
    columns = [_key(), Column("Hör till", "under", width=30),
               Column("Aktivitet", "title", width=50),
               Column("Ansvarig enhet", "unit", width=20)]  # fmt: skip
    for occasion in occasions:
        if occasion.kind == OccasionKind.PLAN:
            continue
        columns += [
            Column(f"Status – {occasion.name}", "activity_status", True, 16, occasion=occasion),
            Column(f"Färdiggrad (%) – {occasion.name}", "percent", True, 12, occasion=occasion),
            Column(f"Kommentar – {occasion.name}", "activity_comment", True, 40, occasion=occasion),
            # One line per participating unit: "Enhet: kommentar".
            Column(f"Enheternas kommentarer – {occasion.name}", "unit_comments", True, 40,
                   occasion=occasion),
        ]  # fmt: skip
    return SheetLayout(ACTIVITIES, "activities", tuple(columns))


RISK_FIELDS = (
    Column("Kategori", "category", width=16),
    Column("Huvudprocess", "main_process", True, 18),
    Column("Risk", "description", True, 50),
    Column("Sannolikhet", "probability", True, 12),
    Column("Väsentlighet", "consequence", True, 12),
    Column("Riskvärde", "score", width=10),
    Column("Kontrollmoment", "control_activity", True, 40),
    Column("Uppföljning", "follow_up_method", True, 30),
    Column("Kommungemensam", "municipality_wide", True, 16),
)


def risk_layout(plan: Plan, occasions: list[ReportOccasion]) -> SheetLayout:
    columns = [_key(), *RISK_FIELDS]
    for occasion in occasions:
        columns.append(Column(f"Resultat – {occasion.name}", "result", True, 40, occasion=occasion))
    return SheetLayout(RISKS, "risks", tuple(columns))


_NOT_IN_SHEET_NAMES = re.compile(r"[\[\]:*?/\\]")


def budget_sheet_names(tables: list[BudgetTable]) -> list[str]:
    """ "Budget <table key>", within Excel's 31 characters and unique."""
    names: list[str] = []
    for table in tables:
        base = _NOT_IN_SHEET_NAMES.sub("-", f"Budget {table.key}")[:31]
        name, n = base, 2
        while name.casefold() in {m.casefold() for m in names}:
            suffix = f" {n}"
            name, n = base[: 31 - len(suffix)] + suffix, n + 1
        names.append(name)
    return names


def budget_layouts(plan: Plan) -> list[SheetLayout]:
    tables = list(
        plan.budget_tables.prefetch_related(
            "columns__occasion", "columns__minuend", "columns__subtrahend"
        )
    )
    layouts = []
    for name, table in zip(budget_sheet_names(tables), tables, strict=True):
        unit = table.get_unit_display()
        # "Driftbudget (mnkr)", but not "Belopp i miljoner kronor (Mnkr) (mnkr)".
        title = (
            table.title if unit.casefold() in table.title.casefold() else f"{table.title} ({unit})"
        )
        columns = [_key(), Column(title, "label", width=45)]
        headers: set[str] = set()
        for column in table.columns.all():
            # A follow-up column says which report it is for; two alike still differ by key.
            header = column.label
            if column.is_follow_up and column.occasion is not None:
                header = f"{header} ({column.occasion.name})"
            if header in headers:
                header = f"{header} [{column.key}]"
            headers.add(header)
            columns.append(
                Column(header, "amount", not column.is_computed, 14, year=column.year,
                       kind=column.kind, budget_column_id=column.pk,
                       follow_up=column.is_follow_up,
                       occasion=column.occasion if column.is_follow_up else None,
                       formula=(column.minuend_id, column.subtrahend_id)
                       if column.minuend_id and column.subtrahend_id else None)
            )  # fmt: skip
        layouts.append(SheetLayout(name, "budget", tuple(columns), table=table))
    return layouts


def plan_layout(plan: Plan) -> list[SheetLayout]:
    """The data sheets of the plan's workbook, in order (the Om and Listor sheets aside).

    In the site's language: a header names a value kind or unit by its label."""
    with translation.override(settings.LANGUAGE_CODE):
        occasions = _occasions(plan)
        return [
            indicator_layout(plan),
            metric_layout(plan),
            assignment_layout(plan, occasions),
            activity_layout(plan, occasions),
            *budget_layouts(plan),
            risk_layout(plan, occasions),
        ]
