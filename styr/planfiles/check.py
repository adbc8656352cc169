"""Checking a plan for inconsistencies: the findings an official should look at.

Nothing is changed: a stated total that differs from the computed one is reported, not fixed,
because either figure may be the wrong one.
"""

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from django.utils.translation import gettext as _

from styr.core.formatting import format_number
from styr.finance.models import BudgetCell, RowKind, computed_sums
from styr.indicators.models import (
    GoalIndicator,
    IndicatorValue,
    Polarity,
    ValueKind,
    comparator_contradicts,
)
from styr.internal_control.models import Risk
from styr.plans.models import DigitalisationKind, Plan


class Severity(StrEnum):
    """How serious a finding is. The value is a key (the web's CSS class); `label` is shown."""

    ERROR = "fel"
    WARNING = "varning"
    NOTICE = "notering"

    @property
    def label(self) -> str:
        if self is Severity.ERROR:
            # Translators: the severity of a finding of the plan check.
            return _("fel")
        if self is Severity.WARNING:
            return _("varning")
        return _("notering")


class Place(StrEnum):
    """The part of the plan where a finding is fixed (the web links it)."""

    BUDGET = "budget"
    DIGITALISATION = "digitalisering"
    INDICATOR = "indikator"
    RISK = "risk"


@dataclass(frozen=True)
class Finding:
    severity: Severity
    where: str
    message: str
    # Where it is fixed: the part, and the object's id where the part has one per object.
    place: Place | None = None
    object_id: int | None = None

    def __str__(self) -> str:
        return f"{self.severity.label}: {self.where}: {self.message}"


def check_plan(plan: Plan) -> list[Finding]:
    return [
        *_budget_totals(plan),
        *_digitalisation_totals(plan),
        *_targets(plan),
        *_risk_scores(plan),
    ]


def _budget_totals(plan: Plan) -> list[Finding]:
    findings = []
    for table in plan.budget_tables.prefetch_related("columns", "rows"):
        rows = list(table.rows.all())
        columns = list(table.columns.all())
        cells = {
            (c.row_id, c.column_id): c.amount for c in BudgetCell.objects.filter(row__table=table)
        }
        sums = computed_sums(rows, cells, columns)
        for row in rows:
            if row.kind != RowKind.SUM:
                continue
            for column in columns:
                stated = cells.get((row.pk, column.pk))
                computed = sums.get((row.pk, column.pk))
                if stated is not None and computed is not None and stated != computed:
                    findings.append(
                        Finding(
                            Severity.ERROR,
                            f"{table.title} / {row.label} / {column.label}",
                            place=Place.BUDGET,
                            object_id=table.pk,
                            message=_sum_differs(
                                format_number(stated), format_number(computed), table.unit
                            ),
                        )
                    )
    return findings


def _sum_differs(stated: str, computed: str, unit: str) -> str:
    message = _("angiven summa %(stated)s %(unit)s men raderna summerar till %(computed)s %(unit)s")
    return message % {"stated": stated, "computed": computed, "unit": unit}


def _digitalisation_totals(plan: Plan) -> list[Finding]:
    findings = []
    items = list(plan.digitalisation_items.all())
    for total in plan.digitalisation_totals.all():
        computed = sum(
            (i.budget_need for i in items if i.kind == total.kind and i.budget_need is not None),
            Decimal(0),
        )
        if computed != total.amount:
            printed = total.as_printed or format_number(total.amount)
            findings.append(
                Finding(
                    Severity.ERROR,
                    _("Digitaliseringsplan - %(kind)s / Summa")
                    % {"kind": DigitalisationKind(total.kind).label.lower()},
                    place=Place.DIGITALISATION,
                    message=_sum_differs(printed, format_number(computed), "kr"),
                )
            )
    return findings


def _targets(plan: Plan) -> list[Finding]:
    findings = []
    # Plain rows, not model objects: the plan page runs this check on every view.
    links = (
        GoalIndicator.objects.filter(goal__plan=plan)
        .order_by("goal__position", "position")
        .values_list("indicator_id", "indicator__name", "indicator__polarity")
    )
    targets: dict[int, list[tuple[int, str, Decimal]]] = {}
    rows = (
        IndicatorValue.objects.filter(
            indicator__goalindicator__goal__plan=plan, kind=ValueKind.TARGET
        )
        .order_by("year")
        .values_list("indicator_id", "year", "comparator", "value")
        .distinct()
    )
    for indicator_id, year, comparator, value in rows:
        targets.setdefault(indicator_id, []).append((year, comparator, value))
    for indicator_id, name, polarity in links:
        own = targets.get(indicator_id, [])
        for year, comparator, value in own:
            if comparator_contradicts(comparator, polarity):
                better = Polarity(polarity).label.lower()
                findings.append(
                    Finding(
                        Severity.WARNING,
                        name,
                        place=Place.INDICATOR,
                        object_id=indicator_id,
                        message=(
                            # Translators: %(polarity)s is e.g. "högre är bättre".
                            _("målet för %(year)s är %(comparator)s %(value)s men %(polarity)s")
                            % {
                                "year": year,
                                "comparator": comparator,
                                "value": format_number(value),
                                "polarity": better,
                            }
                        ),
                    )
                )
        if not any(year == plan.year for year, _comparator, _value in own):
            findings.append(Finding(Severity.NOTICE, name,
                                    _("saknar mål för %(year)s") % {"year": plan.year},
                                    Place.INDICATOR, indicator_id))  # fmt: skip
    return findings


def _risk_scores(plan: Plan) -> list[Finding]:
    findings = []
    for risk in Risk.objects.for_plan(plan).select_related("category"):
        if risk.stated_score is not None and risk.stated_score != risk.score:
            findings.append(
                Finding(
                    Severity.ERROR,
                    _("Internkontroll / %(category)s / %(risk)s")
                    % {"category": risk.category.name, "risk": risk.description[:60]},
                    place=Place.RISK,
                    object_id=risk.pk,
                    message=(
                        _(
                            "angivet riskvärde %(stated)s men sannolikhet %(probability)s × "
                            "väsentlighet %(consequence)s = %(score)s"
                        )
                        % {
                            "stated": risk.stated_score,
                            "probability": risk.probability,
                            "consequence": risk.consequence,
                            "score": risk.score,
                        }
                    ),
                )
            )
    return findings
