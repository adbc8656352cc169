"""Exporting plans to plan files (the inverse of the importer; export → import → export is
byte-identical)."""

from collections import defaultdict
from typing import Any

from styr.indicators.models import IndicatorValue, MeasureBase, MetricValue, ValueKind
from styr.organisation.models import Municipality
from styr.planfiles import municipality_file, plan_file
from styr.planfiles.dump import Flow, compact
from styr.planfiles.export_sections import (
    export_activities,
    export_assignments,
    export_budget_tables,
    export_internal_control,
    export_plan_items,
)
from styr.planfiles.values import format_target
from styr.plans.models import Plan
from styr.steering.models import MunicipalPlan, SteeringItemBase

VALUE_ORDER = [ValueKind.OUTCOME, ValueKind.INTERIM_OUTCOME, ValueKind.FORECAST, ValueKind.TARGET]


def export_municipal_plan(municipal_plan: MunicipalPlan) -> dict[str, Any]:
    municipality: Municipality = municipal_plan.municipality
    bodies = []
    for body in municipality.bodies.select_related("parent").prefetch_related(
        "administrations__units"
    ):
        administrations = [
            compact({"name": a.name, "units": [{"name": u.name} for u in a.units.all()]})
            for a in body.administrations.all()
        ]
        bodies.append(
            compact({
                "code": body.code,
                "name": body.name,
                "kind": body.kind,
                "parent": body.parent.code if body.parent else None,
                "administrations": administrations,
            })
        )  # fmt: skip

    def items(queryset: Any, with_area: bool = False) -> list[dict[str, Any]]:
        out = []
        for item in queryset:
            assert isinstance(item, SteeringItemBase)
            entry: dict[str, str | None] = {
                "key": item.key,
                "name": item.name,
                "short_name": item.short_name,
                "description": item.description,
            }
            if with_area:
                area = getattr(item, "strategic_area", None)
                entry["strategic_area"] = area.key if area else None
            out.append(compact(entry))
        return out

    return compact({
        "format": municipality_file.FORMAT,
        "municipality": compact({
            "key": municipality.key,
            "name": municipality.name,
            "kolada_id": municipality.kolada_id,
        }),
        "year": municipal_plan.year,
        "title": municipal_plan.title,
        "bodies": bodies,
        "vision": municipal_plan.vision,
        "core_values": municipal_plan.core_values,
        "strategic_areas": items(municipal_plan.strategic_areas.all()),
        "municipal_goals": items(
            municipal_plan.municipal_goals.select_related("strategic_area"), with_area=True
        ),
        "prerequisites": items(municipal_plan.prerequisites.all()),
        "starting_points": items(municipal_plan.starting_points.all()),
        "texts": [
            compact({"key": t.key, "title": t.title, "text": t.text})
            for t in municipal_plan.texts.all()
        ],
    })  # fmt: skip


def _values(values: list[IndicatorValue] | list[MetricValue]) -> dict[int, Flow]:
    by_year: dict[int, Flow] = {}
    order = {kind: i for i, kind in enumerate(VALUE_ORDER)}
    for value in sorted(values, key=lambda v: (v.year, order[ValueKind(v.kind)])):
        cell = by_year.setdefault(value.year, Flow())
        if isinstance(value, MetricValue) and value.value is None:
            cell[value.kind] = value.text
        elif isinstance(value, IndicatorValue) and value.kind == ValueKind.TARGET:
            cell[value.kind] = format_target(value.comparator, value.value, value.reference_year)
        else:
            cell[value.kind] = value.value
    return by_year


def _measure(measure: MeasureBase, extra: dict[str, Any]) -> dict[str, Any]:
    return compact({
        "key": measure.key,
        "name": measure.name,
        "unit": measure.unit,
        "decimals": measure.decimals,
        **extra,
        "kolada_kpi": measure.kolada_kpi,
        "kolada_area": measure.kolada_area,
        "kolada_comparisons": measure.kolada_comparisons,
        "description": measure.description,
        "values": _values(list(measure.values.all())),  # type: ignore[attr-defined]
    })  # fmt: skip


def export_plan(plan: Plan) -> dict[str, Any]:
    occasions = list(plan.occasions.all())
    goals = list(
        plan.goals.select_related(
            "strategic_area", "municipal_goal", "prerequisite", "starting_point"
        ).prefetch_related("follow_ups__fulfilment", "follow_ups__occasion")
    )
    links = defaultdict(list)
    for link in (
        plan.goals.model.indicators.through.objects.filter(goal__plan=plan)
        .select_related("indicator")
        .prefetch_related("indicator__values")
        .order_by("goal", "position")
    ):
        links[link.goal_id].append(link.indicator)

    def goal_entry(goal: Any) -> dict[str, Any]:
        return compact({
            "key": goal.key,
            "strategic_area": goal.strategic_area.key if goal.strategic_area else None,
            "prerequisite": goal.prerequisite.key if goal.prerequisite else None,
            "starting_point": goal.starting_point.key if goal.starting_point else None,
            "municipal_goal": goal.municipal_goal.key if goal.municipal_goal else None,
            "title": goal.title,
            "description": goal.description,
            "indicators": [
                # Written only when off, so a file of published indicators reads as before.
                _measure(ind, {"polarity": ind.polarity, "public": None if ind.public else False})
                for ind in links[goal.pk]
            ],
            "follow_up": {
                fu.occasion.key: compact({
                    "fulfilment": fu.fulfilment.key if fu.fulfilment else None,
                    "analysis": fu.analysis,
                    "internal": True if fu.internal else None,
                })
                for fu in goal.follow_ups.all()
            },
        })  # fmt: skip

    metric_groups = []
    for group in plan.metric_groups.prefetch_related("groupmetric_set__metric__values"):
        metric_groups.append(
            compact({
                "key": group.key,
                "section": group.section,
                "title": group.title,
                "metrics": [_measure(gm.metric, {}) for gm in group.groupmetric_set.all()],
            })
        )  # fmt: skip

    data = {
        "format": plan_file.FORMAT,
        "municipality": plan.body.municipality.key,
        "body": plan.body.code,
        "year": plan.year,
        "title": plan.title,
        "state": plan.state,
        "adopted_on": plan.adopted_on,
        "adopted_minute": plan.adopted_minute,
        "occasions": [
            compact(
                {
                    "key": o.key,
                    "kind": o.kind,
                    "name": o.name,
                    "date": o.date,
                    "deadline": o.deadline,
                }
            )
            for o in occasions
        ],
        "texts": [
            compact(
                {
                    "key": t.key,
                    "occasion": t.occasion.key if t.occasion else None,
                    "title": t.title,
                    "text": t.text,
                }
            )
            for t in sorted(
                plan.texts.select_related("occasion"),
                key=lambda t: (t.occasion.position if t.occasion else -1, t.position),
            )
        ],
        "goals": [goal_entry(g) for g in goals],
        "metric_groups": metric_groups,
        "assignments": export_assignments(plan),
        "budget_tables": export_budget_tables(plan),
        "internal_control": export_internal_control(plan),
        "activities": export_activities(plan),
        **export_plan_items(plan),
    }
    return compact(data)
