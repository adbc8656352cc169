"""The open datasets: what each holds, read from the portal's publication rule only.

Every row comes from styr.portal.published and styr.portal.pages (public_plan, public_goal_rows,
public_assignments, public_budget, public_values …), never from a query of this module's own
deciding what is public: a draft, an internal analysis or comment, an indicator or assignment
marked not public and internal control cannot reach a dataset by a route the portal lacks.

The datasets are always built in Swedish (the assessment words, origins, value kinds), whatever
language the reader chose: a dataset's content and columns stay the same for every download.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.http import Http404
from django.utils import translation
from django.utils.translation import gettext as _

from styr.documents.sections.goals import goal_name
from styr.finance.models import BudgetColumn, BudgetRow, RowKind, amounts, computed_sums
from styr.finance.models import stated_amounts as stated
from styr.indicators.models import Indicator, IndicatorValue, ValueKind, ValueSource
from styr.indicators.rollup import YEARS_BACK
from styr.indicators.vocabulary import vocabulary
from styr.plans.models import Plan
from styr.portal.pages import public_assignments, public_budget, public_goal_rows
from styr.portal.published import decided_occasions, decided_years, public_values
from styr.steering.models import GoalFollowUp

# A cell: text, a whole number, an exact decimal, a date or nothing (an empty cell, not zero).
Cell = str | int | Decimal | datetime.date | None


@dataclass(frozen=True)
class Column:
    key: str  # the JSON key: English snake_case, from the glossary
    header: str  # the CSV header: Swedish, stable (never translated)


@dataclass
class Dataset:
    columns: list[Column]
    rows: list[dict[str, Cell]]


# The plan's datasets by the name in their address (…/<år>/mal.csv): Swedish and stable.
GOALS, ASSIGNMENTS, BUDGET, INDICATOR_VALUES = "mal", "uppdrag", "budget", "indikatorvarden"
PLAN_DATASETS = (GOALS, ASSIGNMENTS, BUDGET, INDICATOR_VALUES)

GOAL_COLUMNS = [
    Column("goal_key", "Målnyckel"),
    Column("goal", "Mål"),
    Column("contributes_to", "Bidrar till"),
    Column("assessment", "Bedömning"),
    Column("assessment_code", "Bedömningskod"),
    Column("assessed_year", "Bedömt år"),
    Column("assessed_occasion", "Bedömningstillfälle"),
    Column("analysis", "Analys"),
]
ASSIGNMENT_COLUMNS = [
    Column("assignment_key", "Uppdragsnyckel"),
    Column("assignment", "Uppdrag"),
    Column("origin", "Uppdrag från"),
    Column("start_date", "Startdatum"),
    Column("status", "Status"),
    Column("comment", "Kommentar"),
]
BUDGET_COLUMNS = [
    Column("table_key", "Tabellnyckel"),
    Column("table", "Tabell"),
    Column("unit", "Enhet"),
    Column("row_key", "Radnyckel"),
    Column("row", "Rad"),
    Column("column_key", "Kolumnnyckel"),
    Column("column", "Kolumn"),
    Column("amount", "Belopp"),
]
VALUE_COLUMNS = [
    Column("indicator_key", "Indikatornyckel"),
    Column("indicator", "Indikator"),
    Column("unit", "Enhet"),
    Column("year", "År"),
    Column("kind", "Slag"),
    Column("value", "Värde"),
    Column("comparator", "Jämförelse"),
    # A relative target (an increase compared with 2022) is meaningless without its year.
    Column("reference_year", "Jämfört med år"),
    Column("source", "Källa"),
]


def _goals(plan: Plan) -> Dataset:
    rows, year = public_goal_rows(plan)
    words = vocabulary(plan.body.municipality_id)["goal"]
    # Which decided occasion a goal was assessed at by hand: the last one, as the portal's
    # goal_rows takes it. Only decided occasions are read, as the portal's _fetched does.
    decided = decided_occasions(plan)
    names = {o.pk: o.name for o in decided}
    by_hand: dict[int, str] = {}
    for goal_id, occasion_id in (
        GoalFollowUp.objects.filter(
            goal__in=[r.goal.pk for r in rows], fulfilment__isnull=False, occasion__in=list(names)
        )
        .order_by("occasion__position", "pk")
        .values_list("goal_id", "occasion_id")
    ):
        by_hand[goal_id] = names[occasion_id]
    # A status computed from the indicators is the latest decided occasion's (the portal says
    # "the assessments are those of <the latest report>").
    latest = decided[-1].name if decided else ""
    return Dataset(
        GOAL_COLUMNS,
        [
            {
                "goal_key": row.goal.key,
                "goal": goal_name(row.goal),
                "contributes_to": row.answers_to,
                "assessment": words.get(row.status, ""),
                "assessment_code": str(row.status),
                "assessed_year": year,
                "assessed_occasion": by_hand.get(row.goal.pk, "")
                if row.assessed_by_hand
                else latest,
                "analysis": row.analysis,  # "" when internal: public_goal_rows withholds it
            }
            for row in rows
        ],
    )


def _assignments(plan: Plan) -> Dataset:
    return Dataset(
        ASSIGNMENT_COLUMNS,
        [
            {
                "assignment_key": row.assignment.key,
                "assignment": row.assignment.text,
                "origin": row.assignment.get_origin_display(),
                "start_date": row.assignment.start_date,
                "status": row.status,
                "comment": row.comment,  # "" when internal: public_assignments withholds it
            }
            for row in public_assignments(plan)
        ],
    )


def _rounded(value: Decimal | None, decimals: int) -> Decimal | None:
    """As the portal and the decided documents print it (format_number rounds half up)."""
    if value is None:
        return None
    return value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def _budget(plan: Plan) -> Dataset:
    """One row per amount the portal's budget tables show: the columns public_budget keeps
    (the plan's own and those of adopted reports), each amount as the portal derives it."""
    out: list[dict[str, Cell]] = []
    for shown in public_budget(plan):
        table = shown["table"]
        columns: list[BudgetColumn] = shown["columns"]
        rows: list[BudgetRow] = [r["row"] for r in shown["rows"]]
        # The same derivation as the portal's table_view: stated cells, computed sums on sum
        # rows, deviations of computed columns. Numbers, not the formatted text it shows.
        cells = stated(rows)
        sums = computed_sums(rows, cells, columns)
        derived = amounts(rows, columns)
        for row in rows:
            for column in columns:
                key = (row.pk, column.pk)
                if column.is_computed:
                    amount = derived.get(key)
                elif row.kind == RowKind.SUM:
                    amount = sums.get(key)
                else:
                    amount = cells.get(key)
                out.append(
                    {
                        "table_key": table.key,
                        "table": table.title,
                        "unit": table.unit,
                        "row_key": row.key,
                        "row": row.label,
                        "column_key": column.key,
                        "column": column.label,
                        "amount": _rounded(amount, table.decimals),
                    }
                )
    return Dataset(BUDGET_COLUMNS, out)


def _value_rows(indicator: Indicator, values: list[IndicatorValue]) -> list[dict[str, Cell]]:
    return [
        {
            "indicator_key": indicator.key,
            "indicator": indicator.name,
            "unit": indicator.unit,
            "year": value.year,
            "kind": str(ValueKind(value.kind).label),
            "value": value.value.normalize(),
            "comparator": value.comparator,
            "reference_year": value.reference_year,
            "source": str(ValueSource(value.source).label),
        }
        for value in values
    ]


def _indicator_values(plan: Plan) -> Dataset:
    """The public values of the plan's public indicators, over the years the plan page shows
    (YEARS_BACK before the plan's year up to it)."""
    rows, _year = public_goal_rows(plan)
    indicators: dict[int, Indicator] = {}
    for row in rows:
        for shown in row.indicators:
            indicators.setdefault(shown.indicator.pk, shown.indicator)
    public = public_values(
        list(indicators),
        decided_years(plan.body),
        since=plan.year - YEARS_BACK,
        until=plan.year,
    )
    out: list[dict[str, Cell]] = []
    for pk, indicator in indicators.items():
        out.extend(_value_rows(indicator, public.get(pk, [])))
    return Dataset(VALUE_COLUMNS, out)


BUILDERS: dict[str, Callable[[Plan], Dataset]] = {
    GOALS: _goals,
    ASSIGNMENTS: _assignments,
    BUDGET: _budget,
    INDICATOR_VALUES: _indicator_values,
}


def plan_dataset(plan: Plan, name: str) -> Dataset:
    """One of a public plan's datasets (the caller has it from public_plan), in Swedish."""
    builder = BUILDERS.get(name)
    if builder is None:
        raise Http404(_("Det finns ingen sådan datamängd."))
    with translation.override("sv"):
        return builder(plan)


def indicator_dataset(indicator: Indicator) -> Dataset:
    """A public indicator's (from public_indicator) public values, every year, in Swedish."""
    values = public_values([indicator.pk], decided_years(indicator.body)).get(indicator.pk, [])
    with translation.override("sv"):
        return Dataset(VALUE_COLUMNS, _value_rows(indicator, values))


def latest_decision(plans: list[Plan]) -> datetime.date | None:
    """The date of the newest decision (a plan or an adopted report) among the plans: what a
    dataset built from them shows changes with a decision."""
    dates = [o.decision[0] for p in plans for o in decided_occasions(p)]
    return max((d for d in dates if d is not None), default=None)


def plan_titles(plan: Plan) -> dict[str, Any]:
    """Each plan dataset's title, in the active language."""
    where = {"plan": plan.title, "body": plan.body.name}
    return {
        GOALS: _("Mål i %(plan)s, %(body)s") % where,
        ASSIGNMENTS: _("Uppdrag i %(plan)s, %(body)s") % where,
        BUDGET: _("Budget i %(plan)s, %(body)s") % where,
        INDICATOR_VALUES: _("Indikatorvärden i %(plan)s, %(body)s") % where,
    }


def indicator_title(indicator: Indicator) -> str:
    """An indicator dataset's title, in the active language."""
    return _("%(indicator)s, %(body)s") % {"indicator": indicator.name, "body": indicator.body.name}
