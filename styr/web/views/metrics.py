"""The plan's metrics (följetal): each group a table of metrics by year, entered cell by cell."""

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from styr.access.permissions import access_plan, can_edit
from styr.core.conflicts import StaleValue, seen_from_text, seen_text, stale_message
from styr.core.formatting import format_number
from styr.indicators.actions import do_set_metric_value
from styr.indicators.models import Metric, MetricGroup, MetricValue, ValueKind, text_value
from styr.planfiles.nodes import parse_number
from styr.plans.actions import PlanLocked
from styr.plans.models import Plan, PlanState

KINDS = (ValueKind.OUTCOME, ValueKind.INTERIM_OUTCOME, ValueKind.FORECAST, ValueKind.TARGET)
YEARS_BACK = 3


@dataclass
class Column:
    year: int
    kind: ValueKind

    @property
    def header(self) -> str:
        return f"{self.kind.label} {self.year}"


@dataclass
class Group:
    group: MetricGroup
    columns: list[Column]
    rows: list[tuple[Metric, list[dict[str, Any]]]]
    error: str = ""
    kept: dict[tuple[int, int, str], str] = field(default_factory=dict)


def _columns(plan: Plan, values: list[MetricValue]) -> list[Column]:
    """Past years' outcomes, and this year's outcome, interim outcome and forecast."""
    first = plan.year - YEARS_BACK
    pairs = {(v.year, v.kind) for v in values if first <= v.year <= plan.year}
    pairs |= {(y, ValueKind.OUTCOME.value) for y in range(first, plan.year)}
    pairs |= {(plan.year, k.value) for k in KINDS}
    order = {k.value: i for i, k in enumerate(KINDS)}
    return [
        Column(y, ValueKind(k))
        for y, k in sorted(pairs, key=lambda p: (p[0], order.get(p[1], 9)))
        if k in order
    ]


def _group(plan: Plan, group: MetricGroup, kept: dict[tuple[int, int, str], str]) -> Group:
    metrics = [gm.metric for gm in group.groupmetric_set.all()]
    values = [v for m in metrics for v in m.values.all()]
    columns = _columns(plan, values)
    rows = []
    for metric in metrics:
        by_key = {(v.year, v.kind): v for v in metric.values.all()}
        cells = []
        for column in columns:
            found = by_key.get((column.year, column.kind))
            stored: Decimal | None = found.value if found is not None else None
            key = (metric.pk, column.year, column.kind.value)
            text = format_number(stored, metric.decimals) if stored is not None else ""
            if found is not None and stored is None:
                text = found.text  # a value in words
            cells.append(
                {
                    "column": column,
                    "text": kept.get(key, text),
                    "kept": key in kept,
                    "seen": seen_text(stored),
                }
            )
        rows.append((metric, cells))
    return Group(group, columns, rows, kept=kept)


def _groups(plan: Plan) -> list[MetricGroup]:
    return list(plan.metric_groups.prefetch_related("groupmetric_set__metric__values"))


@login_required
def metrics_page(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = access_plan(request.user, plan_id)
    context = {
        "plan": plan,
        "groups": [_group(plan, g, {}) for g in _groups(plan)],
        # Outcomes and forecasts are follow-up: entered after adoption too, until locked.
        "editable": can_edit(request.user, plan.body) and plan.state != PlanState.LOCKED,
    }
    return render(request, "web/metrics.html", context)


@login_required
@require_POST
def metric_cell(request: HttpRequest, plan_id: int, group_id: int) -> HttpResponse:
    """Save one value (POST), then answer with the group's table as it now stands."""
    plan = access_plan(request.user, plan_id, write=True)
    group = next((g for g in _groups(plan) if g.pk == group_id), None)
    if group is None:
        raise Http404(_("Tabellen finns inte i planen."))
    metrics = {str(gm.metric_id): gm.metric for gm in group.groupmetric_set.all()}
    metric = metrics.get(request.POST.get("metric", ""))
    error, status = "", 400
    kept: dict[tuple[int, int, str], str] = {}
    try:
        year = int(request.POST.get("year", ""))
        kind = ValueKind(request.POST.get("kind", ""))
    except ValueError:
        year, kind = 0, ValueKind.TARGET
    if metric is None or kind not in KINDS or not plan.year - 10 <= year <= plan.year + 1:
        error = _("Följetalet, året eller slaget finns inte i tabellen.")
    else:
        raw = request.POST.get("value", "").strip()
        where = f"{metric.name}, {kind.label} {year}"
        words = text_value(raw)
        try:
            value = parse_number(raw) if raw and words is None else None
            do_set_metric_value(
                metric, plan=plan, year=year, kind=kind, value=value, text=words or "",
                acting_user=request.user, seen=seen_from_text(request.POST.get("seen")),
            )  # fmt: skip
        except ValueError:
            error = _(
                "%(where)s: ”%(raw)s” är inte ett tal (skriv t.ex. 5,1) eller ett värde i ord "
                "utan siffror (t.ex. Stängt)."
            ) % {"where": where, "raw": raw[:40]}
        except PlanLocked as exc:
            error = str(exc)
        except StaleValue as exc:
            # Translators: what someone else changed, in "någon annan har ändrat värdet till …".
            error = stale_message(where, _("värdet"), exc, metric.decimals, raw)
            status = 409
        if error:
            kept[(metric.pk, year, kind.value)] = raw
    group = next(g for g in _groups(plan) if g.pk == group_id)
    shown = _group(plan, group, kept)
    shown.error = error
    if request.headers.get("HX-Request") == "true":
        context = {"plan": plan, "g": shown, "editable": True}
        return render(request, "web/_metric_group.html", context, status=status if error else 200)
    if not error:
        return redirect(f"{reverse('web:metrics', args=[plan.pk])}#grupp-{group.pk}")
    groups = [shown if g.pk == group.pk else _group(plan, g, {}) for g in _groups(plan)]
    context = {"plan": plan, "groups": groups, "editable": True}
    return render(request, "web/metrics.html", context, status=status)
