"""Exporting the sections of a plan after goals and metrics."""

from collections import defaultdict
from typing import Any

from styr.finance.models import BudgetColumn
from styr.internal_control.models import Axis
from styr.planfiles.dump import Flow, compact
from styr.planfiles.values import format_amount, format_period, with_decimals
from styr.plans.models import Plan


def export_assignments(plan: Plan) -> list[dict[str, Any]]:
    out = []
    for a in plan.assignments.prefetch_related(
        "follow_ups__occasion", "follow_ups__status", "follow_ups__grade"
    ):
        follow_ups = sorted(a.follow_ups.all(), key=lambda f: f.occasion.position)
        out.append(
            compact({
                "key": a.key,
                "origin": a.origin,
                "text": a.text,
                "start_date": a.start_date,
                "period": format_period(a.period_start, a.period_end, a.period_note),
                "extra_cost": format_amount(a.extra_cost, a.extra_cost_unit, a.extra_cost_note),
                # Written only when off (and `internal` only when on): defaults are left out.
                "public": None if a.public else False,
                "follow_up": {
                    f.occasion.key: compact({
                        "status": f.status.label if f.status else None,
                        "grade": f.grade.label if f.grade else None,
                        "comment": f.comment,
                        "internal": True if f.internal else None,
                    })
                    for f in follow_ups
                },
            })
        )  # fmt: skip
    return out


def export_budget_tables(plan: Plan) -> list[dict[str, Any]]:
    out = []
    for table in plan.budget_tables.prefetch_related(
        "columns__occasion", "columns__minuend", "columns__subtrahend", "rows__cells__column"
    ):
        columns = list(table.columns.all())
        rows = []
        for row in table.rows.all():
            by_column = {
                c.column.key: with_decimals(c.amount, table.decimals) for c in row.cells.all()
            }
            cells = Flow((c.key, by_column[c.key]) for c in columns if c.key in by_column)
            rows.append(
                compact({
                    "key": row.key,
                    "label": row.label,
                    "kind": row.kind if row.kind != "item" else None,
                    "cells": cells,
                    "comment": row.comment,
                })
            )  # fmt: skip
        out.append(
            compact({
                "key": table.key,
                "kind": table.kind,
                "title": table.title,
                "unit": table.unit,
                "decimals": table.decimals,
                "columns": [_column(c) for c in columns],
                "rows": rows,
                "comment": table.comment,
            })
        )  # fmt: skip
    return out


def _column(column: BudgetColumn) -> "Flow":
    """A column on one line: key, kind and year, then what only some columns have."""
    extra = compact({
        "label": column.label_template,
        "occasion": column.occasion.key if column.occasion is not None else None,
        "from": column.period_start,
        "to": column.period_end,
        "formula": column.formula,
    })  # fmt: skip
    return Flow(key=column.key, kind=column.kind, year=column.year, **extra)


def export_internal_control(plan: Plan) -> dict[str, Any]:
    # Levels are written by their labels (`Sannolik`), as the printed risk analysis names them.
    labels: dict[tuple[str, int], str] = {}
    if plan.risk_matrix is not None:
        labels = {(lv.axis, lv.value): lv.label for lv in plan.risk_matrix.levels.all()}
    categories = []
    for category in plan.risk_categories.prefetch_related("risks__follow_ups__occasion"):
        risks = []
        for risk in category.risks.all():
            follow_ups = sorted(risk.follow_ups.all(), key=lambda f: f.occasion.position)
            risks.append(
                compact({
                    "key": risk.key,
                    "main_process": risk.main_process,
                    "risk": risk.description,
                    "probability": labels.get(
                        (Axis.PROBABILITY, risk.probability), risk.probability
                    ),
                    "consequence": labels.get(
                        (Axis.CONSEQUENCE, risk.consequence), risk.consequence
                    ),
                    "risk_score": risk.stated_score,
                    "control_activity": risk.control_activity,
                    "follow_up_method": risk.follow_up_method,
                    "municipality_wide": True if risk.municipality_wide else None,
                    "follow_up": {f.occasion.key: {"result": f.result} for f in follow_ups},
                })
            )  # fmt: skip
        categories.append(compact({"name": category.name, "risks": risks}))
    matrix = plan.risk_matrix
    return compact({
        "risk_matrix": f"{matrix.key}@{matrix.version}" if matrix else None,
        "categories": categories,
    })  # fmt: skip


def export_activities(plan: Plan) -> list[dict[str, Any]]:
    out = []
    for activity in plan.activities.select_related(
        "goal", "assignment", "responsible_unit"
    ).prefetch_related(
        "follow_ups__occasion", "follow_ups__status", "follow_ups__unit_comments__unit", "units"
    ):
        follow_ups = sorted(activity.follow_ups.all(), key=lambda f: f.occasion.position)
        out.append(
            compact({
                "key": activity.key,
                "title": activity.title,
                "goal": activity.goal.key if activity.goal else None,
                "assignment": activity.assignment.key if activity.assignment else None,
                "unit": activity.responsible_unit.name if activity.responsible_unit else None,
                "units": [u.name for u in activity.units.all()],
                "start": activity.start,
                "end": activity.end,
                "follow_up": {
                    f.occasion.key: compact({
                        "status": f.status.label if f.status else None,
                        "percent_complete": f.percent_complete,
                        "comment": f.comment,
                        "unit_comments": {c.unit.name: c.comment for c in f.unit_comments.all()},
                    })
                    for f in follow_ups
                },
            })
        )  # fmt: skip
    return out


def export_plan_items(plan: Plan) -> dict[str, Any]:
    totals: dict[str, Any] = defaultdict(dict)
    for total in plan.digitalisation_totals.all():
        totals[total.kind] = (
            Flow(amount=total.amount, as_printed=total.as_printed)
            if total.as_printed
            else total.amount
        )
    ordered_totals = {k: totals[k] for k in ("operating", "investment") if k in totals}
    return {
        "digitalisation": [
            compact({
                "key": item.key,
                "kind": item.kind,
                "name": item.name,
                "budget_need": item.budget_need,
                "period": format_period(item.period_start, item.period_end, item.period_note),
                "expected_effect": item.expected_effect,
            })
            for item in plan.digitalisation_items.all()
        ],
        "digitalisation_totals": ordered_totals,
        "premises_needs": [
            compact({
                "key": n.key,
                "description": n.description,
                "when": n.when,
                "category": n.category,
                "priority": n.priority,
                "motivation": n.motivation,
            })
            for n in plan.premises_needs.all()
        ],
        "competence_needs": [
            compact({"key": n.key, "need": n.need, "actions": n.actions})
            for n in plan.competence_needs.all()
        ],
    }  # fmt: skip
