"""Outcomes from Kolada: measures linked to a Kolada KPI take their yearly outcomes from it.

A value an official typed is never overwritten silently: where Kolada says otherwise, the
typed value stays and the difference is reported, until someone chooses Kolada's number.
Values are compared and stored at the measure's own precision (83,6 is Kolada's 83,6186).
"""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import transaction
from django.utils.translation import gettext as _

from styr.audit.actions import record
from styr.indicators.models import (
    Indicator,
    IndicatorValue,
    MeasureBase,
    Metric,
    ValueKind,
    ValueSource,
)
from styr.indicators.rollup import deferred, keep_current, plans_reading
from styr.kolada.series import RIKET, series
from styr.organisation.models import Body, Municipality
from styr.plans.decided import closed_years
from styr.plans.models import Plan

Actor = AbstractBaseUser | AnonymousUser | None
# How far back outcomes are taken: enough for a trend, as many years as a plan shows.
YEARS_BACK = 6


@dataclass(frozen=True)
class Conflict:
    """A typed outcome that Kolada states differently; the typed one is kept."""

    measure: MeasureBase
    year: int
    typed: Decimal | str  # a metric's value in words ("Stängt") is kept as typed too
    kolada: Decimal


@dataclass
class SyncReport:
    measures: int = 0
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    locked: int = 0  # values of closed years (see plans.decided.closed_years): left as they are
    conflicts: list[Conflict] = field(default_factory=list)
    # Where Kolada now says otherwise for a closed year: listed, never written.
    held: list[Conflict] = field(default_factory=list)


def own_area(measure: MeasureBase, municipality: Municipality) -> str:
    """The Kolada area whose values are the measure's outcomes."""
    return measure.kolada_area or municipality.kolada_id


def comparison_area_ids(measure: MeasureBase, municipality: Municipality) -> list[str]:
    """The areas shown beside the own: as chosen, or else the region and Riket."""
    chosen = [a.strip() for a in measure.kolada_comparisons.split(",") if a.strip()]
    if chosen:
        return chosen
    own = own_area(measure, municipality)
    return [f"00{own[:2]}", RIKET] if own and own != RIKET else [RIKET]


def rounded(value: Decimal, decimals: int) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def _sync_measure(
    measure: Indicator | Metric,
    municipality: Municipality,
    first_year: int,
    locked: set[int],
    report: SyncReport,
    *,
    acting_user: Actor,
) -> None:
    area = own_area(measure, municipality)
    if not area:
        return
    found = series(measure.kolada_kpi, [area], years=None)[area]
    stored = {
        v.year: v
        for v in measure.values.select_for_update(of=("self",)).filter(
            kind=ValueKind.OUTCOME, year__gte=first_year
        )
    }
    changes: dict[str, list[str | None]] = {}
    for year, number in sorted(found.items()):
        if year < first_year:
            continue
        value = rounded(number, measure.decimals)
        current = stored.get(year)
        if year in locked:
            report.locked += 1
            if current is None or current.value is None or current.value != value:
                typed = (
                    ""
                    if current is None
                    else (
                        current.value
                        if current.value is not None
                        else str(getattr(current, "text", ""))
                    )
                )
                report.held.append(Conflict(measure, year, typed, value))
            continue
        if current is None:
            measure.values.create(
                year=year, kind=ValueKind.OUTCOME, value=value, source=ValueSource.KOLADA
            )
            report.added += 1
            changes[str(year)] = [None, str(value)]
        elif current.value is None:
            # A value in words, typed by an official: kept, and shown as a conflict.
            report.conflicts.append(
                Conflict(measure, year, str(getattr(current, "text", "")), value)
            )
        elif current.source == ValueSource.KOLADA and current.value != value:
            changes[str(year)] = [str(current.value.normalize()), str(value)]
            current.value = value
            current.save(update_fields=["value"])
            report.updated += 1
        elif current.source == ValueSource.KOLADA:
            report.unchanged += 1
        elif rounded(current.value, measure.decimals) == value:
            # The official typed what Kolada says: from now on it is Kolada's value.
            current.value, current.source = value, ValueSource.KOLADA
            current.save(update_fields=["value", "source"])
            report.unchanged += 1
        else:
            report.conflicts.append(Conflict(measure, year, current.value, value))
    if changes:
        if isinstance(measure, Indicator):
            keep_current({p for year in changes for p in plans_reading(measure, int(year))})
        record(
            "kolada_outcomes_taken",
            acting_user=acting_user,
            obj=measure,
            changes={"kpi": measure.kolada_kpi, "area": area, **changes},
        )


def do_take_kolada_outcomes(
    body: Body,
    *,
    acting_user: Actor,
    measures: list[Indicator | Metric] | None = None,
) -> SyncReport:
    """Take the outcomes of the body's Kolada-linked indicators and metrics from Kolada.

    Only years with a Kolada value are touched, from YEARS_BACK before the body's newest plan;
    years of a locked plan are left alone. All of it in one transaction.
    """
    municipality = body.municipality
    newest = Plan.objects.filter(body=body).order_by("-year").values_list("year", flat=True)
    first_year = (newest.first() or 0) - YEARS_BACK
    if measures is None:
        measures = [
            *Indicator.objects.filter(body=body).exclude(kolada_kpi=""),
            *Metric.objects.filter(body=body).exclude(kolada_kpi=""),
        ]
    report = SyncReport()
    locked = closed_years(body.pk)
    with transaction.atomic(), deferred():  # the body's plans counted once, at the end
        for measure in measures:
            if measure.body_id != body.pk or not measure.kolada_kpi:
                raise ValueError(
                    _("%(measure)s är inte kopplad till Kolada i %(body)s.")
                    % {"measure": measure, "body": body}
                )
            report.measures += 1
            _sync_measure(
                measure, municipality, first_year, locked, report, acting_user=acting_user
            )
    return report


def conflicts_of(measure: Indicator | Metric, municipality: Municipality) -> list[Conflict]:
    """Typed outcomes Kolada states differently, for showing beside the measure (no writes)."""
    area = own_area(measure, municipality)
    if not measure.kolada_kpi or not area:
        return []
    found = series(measure.kolada_kpi, [area])[area]
    conflicts = []
    for value in measure.values.filter(
        kind=ValueKind.OUTCOME, source=ValueSource.MANUAL, year__in=list(found)
    ):
        kolada = rounded(found[value.year], measure.decimals)
        if value.value is None:
            conflicts.append(Conflict(measure, value.year, str(getattr(value, "text", "")), kolada))
        elif rounded(value.value, measure.decimals) != kolada:
            conflicts.append(Conflict(measure, value.year, value.value, kolada))
    return sorted(conflicts, key=lambda c: c.year)


def do_accept_kolada_outcome(
    indicator: Indicator, *, plan: Plan, year: int, acting_user: Actor
) -> IndicatorValue | None:
    """Replace a typed outcome with Kolada's, when an official chooses Kolada's number."""
    from styr.indicators.actions import do_set_indicator_value

    area = own_area(indicator, plan.body.municipality)
    found = series(indicator.kolada_kpi, [area], years=[year])[area] if area else {}
    if not indicator.kolada_kpi or year not in found:
        raise ValueError(
            _("Kolada har inget värde för %(indicator)s %(year)s.")
            % {"indicator": indicator, "year": year}
        )
    return do_set_indicator_value(
        indicator,
        plan=plan,
        year=year,
        kind=ValueKind.OUTCOME,
        value=rounded(found[year], indicator.decimals),
        acting_user=acting_user,
        source=ValueSource.KOLADA,
    )


def do_take_kolada_outcomes_everywhere(*, acting_user: Actor) -> SyncReport:
    """After an import: every body's Kolada-linked measures take the new outcomes."""
    total = SyncReport()
    with transaction.atomic():
        linked = Body.objects.filter(indicators__kolada_kpi__gt="") | Body.objects.filter(
            metrics__kolada_kpi__gt=""
        )
        for body in linked.distinct().select_related("municipality"):
            report = do_take_kolada_outcomes(body, acting_user=acting_user)
            total.measures += report.measures
            total.added += report.added
            total.updated += report.updated
            total.unchanged += report.unchanged
            total.locked += report.locked
            total.conflicts += report.conflicts
            total.held += report.held
    return total
