"""The plan's rows as a workbook shows them, by column header.

Export writes these values; import compares each edited cell with the same value, so a cell
left alone is never a change.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone, translation

from styr.activities.actions import unit_comments_text
from styr.assignments.models import Origin
from styr.documents.sections.goals import goal_link
from styr.excel.layout import FORMAT_VERSION, NO, YES, SheetLayout
from styr.finance.models import RowKind
from styr.indicators.models import Indicator, Metric, ValueSource
from styr.indicators.targets import relative_text
from styr.internal_control.models import Risk
from styr.plans.models import Plan


@dataclass
class RowData:
    key: str
    obj: models.Model
    item: str
    values: dict[str, Any] = field(default_factory=dict)
    # Cell comments by column header, e.g. that an outcome comes from Kolada.
    notes: dict[str, str] = field(default_factory=dict)
    decimals: int | None = None
    derived: bool = False

    def fixed(self, layout: SheetLayout, **values: Any) -> None:
        """Set the fixed columns' values by their field names."""
        for column in layout.columns:
            if column.field in values:
                self.values[column.header] = values[column.field]


ABOUT_LABELS = {
    "municipality": "Kommun",
    "municipality_key": "Kommunens nyckel",
    "body": "Organ",
    "body_code": "Organets förkortning",
    "plan": "Plan",
    "year": "Planår",
    "state": "Planens status",
    "exported": "Exporterad",
    "version": "Formatversion",
}


def about_rows(plan: Plan, now: datetime) -> list[tuple[str, str | int]]:
    municipality = plan.body.municipality
    values: dict[str, str | int] = {
        "municipality": municipality.name,
        "municipality_key": municipality.key,
        "body": plan.body.name,
        "body_code": plan.body.code,
        "plan": plan.title,
        "year": plan.year,
        "state": str(plan.get_state_display()),
        "exported": timezone.localtime(now).strftime("%Y-%m-%d %H:%M"),
        "version": FORMAT_VERSION,
    }
    return [(ABOUT_LABELS[k], v) for k, v in values.items()]


def short(text: str, length: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= length else text[: length - 1] + "…"


def _measure_values(row: RowData, measure: Indicator | Metric, layout: SheetLayout) -> None:
    stored = {(v.year, v.kind): v for v in measure.values.all()}
    for column in layout.columns:
        if column.field == "value":
            value = stored.get((column.year, column.kind))
            row.values[column.header] = value.value if value is not None else None
            reference_year = getattr(value, "reference_year", None)
            if value is not None and value.value is None:
                row.values[column.header] = getattr(value, "text", "")  # a value in words
            elif value is not None and reference_year is not None:
                # A relative target is written in words, as in plan files.
                row.values[column.header] = relative_text(
                    getattr(value, "comparator", ""), value.value or Decimal(0), reference_year
                )
            if value is not None and value.source == ValueSource.KOLADA:
                row.notes[column.header] = (
                    f"Från Kolada ({measure.kolada_kpi}). Ett ändrat värde blir inskrivet "
                    "och ersätts inte av Kolada."
                )
        elif column.field == "comparator":
            target = stored.get((column.year, "target"))
            relative = getattr(target, "reference_year", None) is not None
            row.values[column.header] = "" if relative else getattr(target, "comparator", "")


def _measure_rows(
    layout: SheetLayout, placed: Iterable[tuple[str, Indicator | Metric]], heading: str
) -> list[RowData]:
    """One row a measure, under the goal or group it is first placed in (one placed twice is
    shown once: its values are the same)."""
    rows: list[RowData] = []
    seen: set[int] = set()
    for under, measure in placed:
        if measure.pk in seen:
            continue
        seen.add(measure.pk)
        row = RowData(measure.key, measure, measure.name, decimals=measure.decimals)
        row.fixed(layout, key=measure.key, name=measure.name, unit=measure.unit, **{heading: under})
        _measure_values(row, measure, layout)
        rows.append(row)
    return rows


def indicator_rows(plan: Plan, layout: SheetLayout) -> list[RowData]:
    """The plan's indicators, goal by goal."""
    goals = plan.goals.select_related(
        "strategic_area", "prerequisite", "starting_point"
    ).prefetch_related("goalindicator_set__indicator__values")
    placed = (
        (goal.title or goal_link(goal), link.indicator)
        for goal in goals
        for link in goal.goalindicator_set.all()
    )
    return _measure_rows(layout, placed, "goal")


def metric_rows(plan: Plan, layout: SheetLayout) -> list[RowData]:
    """The plan's metrics, group by group."""
    groups = plan.metric_groups.prefetch_related("groupmetric_set__metric__values")
    placed = ((str(group), link.metric) for group in groups for link in group.groupmetric_set.all())
    return _measure_rows(layout, placed, "group")


def assignment_rows(plan: Plan, layout: SheetLayout) -> list[RowData]:
    rows = []
    assignments = plan.assignments.prefetch_related("follow_ups__status", "follow_ups__grade")
    for assignment in assignments:
        row = RowData(assignment.key, assignment, short(assignment.text))
        row.fixed(layout, key=assignment.key, origin=str(Origin(assignment.origin).label),
                  text=assignment.text)  # fmt: skip
        follow_ups = {f.occasion_id: f for f in assignment.follow_ups.all()}
        for column in layout.columns:
            if column.occasion is None:
                continue
            follow_up = follow_ups.get(column.occasion.pk)
            if column.field == "comment":
                row.values[column.header] = follow_up.comment if follow_up else ""
            elif column.field == "internal":
                row.values[column.header] = YES if follow_up and follow_up.internal else NO
            else:
                option = getattr(follow_up, column.field, None) if follow_up else None
                row.values[column.header] = option.label if option is not None else ""
        rows.append(row)
    return rows


def activity_rows(plan: Plan, layout: SheetLayout) -> list[RowData]:
    rows = []
    activities = plan.activities.select_related(
        "goal", "assignment", "responsible_unit"
    ).prefetch_related("follow_ups__status", "follow_ups__unit_comments__unit", "units")
    for activity in activities:
        under = ""
        if activity.goal is not None:
            under = f"Mål: {activity.goal.title or goal_link(activity.goal)}"
        elif activity.assignment is not None:
            under = f"Uppdrag: {short(activity.assignment.text)}"
        row = RowData(activity.key, activity, short(activity.title))
        unit = activity.responsible_unit.name if activity.responsible_unit else ""
        row.fixed(layout, key=activity.key, under=under, title=activity.title, unit=unit)
        follow_ups = {f.occasion_id: f for f in activity.follow_ups.all()}
        for column in layout.columns:
            if column.occasion is None:
                continue
            follow_up = follow_ups.get(column.occasion.pk)
            if column.field == "activity_status":
                status = follow_up.status if follow_up else None
                row.values[column.header] = status.label if status else ""
            elif column.field == "percent":
                row.values[column.header] = follow_up.percent_complete if follow_up else None
            elif column.field == "unit_comments":
                row.values[column.header] = unit_comments_text(follow_up)
            else:
                row.values[column.header] = follow_up.comment if follow_up else ""
        rows.append(row)
    return rows


def risk_rows(plan: Plan, layout: SheetLayout) -> list[RowData]:
    rows = []
    risks = Risk.objects.for_plan(plan).select_related("category").prefetch_related("follow_ups")
    for risk in risks:
        row = RowData(risk.key, risk, short(risk.description))
        row.fixed(
            layout,
            key=risk.key, category=risk.category.name, main_process=risk.main_process,
            description=risk.description, probability=risk.probability,
            consequence=risk.consequence, score=risk.score,
            control_activity=risk.control_activity, follow_up_method=risk.follow_up_method,
            municipality_wide=YES if risk.municipality_wide else NO,
        )  # fmt: skip
        results = {f.occasion_id: f.result for f in risk.follow_ups.all()}
        for column in layout.columns:
            if column.occasion is not None:
                row.values[column.header] = results.get(column.occasion.pk, "")
        rows.append(row)
    return rows


def budget_rows(layout: SheetLayout) -> list[RowData]:
    assert layout.table is not None
    table = layout.table
    rows = []
    for budget_row in table.rows.prefetch_related("cells"):
        amounts: dict[int, Decimal] = {c.column_id: c.amount for c in budget_row.cells.all()}
        row = RowData(budget_row.key, budget_row, budget_row.label, decimals=table.decimals,
                      derived=budget_row.kind == RowKind.SUM)  # fmt: skip
        row.fixed(layout, key=budget_row.key, label=budget_row.label)
        for column in layout.columns:
            if column.field == "amount" and not row.derived:
                row.values[column.header] = amounts.get(column.budget_column_id)
        rows.append(row)
    return rows


def rows_for(plan: Plan, layout: SheetLayout) -> list[RowData]:
    """The sheet's rows as the workbook holds them: in the site's language, as its headers."""
    with translation.override(settings.LANGUAGE_CODE):
        return _rows_for(plan, layout)


def _rows_for(plan: Plan, layout: SheetLayout) -> list[RowData]:
    if layout.kind == "indicators":
        return indicator_rows(plan, layout)
    if layout.kind == "metrics":
        return metric_rows(plan, layout)
    if layout.kind == "assignments":
        return assignment_rows(plan, layout)
    if layout.kind == "risks":
        return risk_rows(plan, layout)
    if layout.kind == "activities":
        return activity_rows(plan, layout)
    return budget_rows(layout)
