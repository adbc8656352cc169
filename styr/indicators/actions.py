"""Entering an indicator's values: outcomes, forecasts and targets, one year and kind at a time.

An empty value deletes the row: an empty cell is not zero.
"""

from decimal import Decimal
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import transaction
from django.db.models import Max, QuerySet
from django.utils.translation import gettext as _

from styr.audit.actions import record
from styr.core.conflicts import Fingerprint, Seen, check_fingerprint, check_seen
from styr.core.keys import unique_key
from styr.core.text import clean_text
from styr.indicators.models import (
    TEXT_VALUE_LIMIT,
    GoalIndicator,
    Indicator,
    IndicatorValue,
    Metric,
    MetricValue,
    ValueKind,
    ValueSource,
    text_value,
)
from styr.indicators.rollup import keep_current, plans_concerned, plans_reading
from styr.indicators.targets import relative_text
from styr.plans.actions import refuse_if_locked
from styr.plans.decided import closing_occasion
from styr.plans.models import Plan
from styr.steering.models import CommitteeGoal

Actor = AbstractBaseUser | AnonymousUser | None


def _text(value: IndicatorValue | MetricValue | None) -> str | None:
    if value is None:
        return None
    if value.value is None:
        return str(getattr(value, "text", ""))  # a metric's value in words
    reference_year = getattr(value, "reference_year", None)
    if reference_year is not None:
        return relative_text(getattr(value, "comparator", ""), value.value, reference_year)
    number = format(value.value.normalize(), "f")
    return f"{getattr(value, 'comparator', '')} {number}".strip()


def _refuse_if_locked(
    measure: Indicator | Metric, plan: Plan, year: int, kind: ValueKind, acting_user: Actor
) -> None:
    if measure.body_id != plan.body_id:
        raise ValueError(
            _("%(measure)s hör inte till %(body)s.") % {"measure": measure, "body": plan.body}
        )
    # Targets are the plan's decision; outcomes and forecasts are its follow-up. Values belong
    # to the body, so the plan that covers the year is checked too, not only the one the value
    # is entered from: next year's draft must not rewrite a locked year.
    # The year's outcomes and forecasts close with its annual report: once that is adopted
    # they are part of its decision, whichever plan they are entered from.
    covering = Plan.objects.filter(body_id=measure.body_id, year=year).first()
    follow_up = kind != ValueKind.TARGET
    for checked in {plan, covering} - {None}:
        assert checked is not None
        closing = closing_occasion(checked) if follow_up and checked == covering else None
        refuse_if_locked(
            checked, f"set {kind} {year} of {measure.key}", acting_user,
            # Translators: "the target value", inserted in "… and {what} is part of the decision".
            follow_up=follow_up, what=_("målvärdet"), occasion=closing,
        )  # fmt: skip


def _write(
    values: "QuerySet[Any]", value: Decimal | None, defaults: dict[str, Any], seen: Seen | None
) -> tuple[Any, str | None, str | None]:
    """Set or clear the one value `values` selects; (saved row, text before, text after)."""
    existing = values.select_for_update(of=("self",)).first()
    check_seen(seen, existing.value if existing is not None else None)
    before = _text(existing)
    if value is None:
        if existing is not None:
            existing.delete()
        return None, before, None
    if existing is None:
        saved = values.model(**defaults, value=value)
    else:
        saved = existing
        for field, given in defaults.items():
            setattr(saved, field, given)
        saved.value = value
    saved.save()
    return saved, before, _text(saved)


def do_set_indicator_value(
    indicator: Indicator,
    *,
    plan: Plan,
    year: int,
    kind: ValueKind,
    value: Decimal | None,
    comparator: str = "",
    reference_year: int | None = None,
    acting_user: Actor,
    seen: Seen | None = None,
    source: ValueSource = ValueSource.MANUAL,
) -> IndicatorValue | None:
    """Set (or, with None, clear) one value, in the context of the plan it is entered in.

    With `seen`, the value the editor began from: raises StaleValue if it has changed since.
    """
    _refuse_if_locked(indicator, plan, year, kind, acting_user)
    if kind != ValueKind.TARGET:
        comparator, reference_year = "", None
    with transaction.atomic():
        # The indicator's row is the lock for its values: two first values for an empty
        # cell at once wait for each other, and the second sees the first (never a 500).
        Indicator.objects.select_for_update(of=("self",)).filter(pk=indicator.pk).first()
        where = {"indicator": indicator, "year": year, "kind": kind}
        if (
            reference_year is not None
            and not IndicatorValue.objects.filter(
                indicator=indicator, year=reference_year, kind=ValueKind.OUTCOME
            ).exists()
        ):
            raise ValueError(
                _(
                    "Målet är relativt %(year)s, men %(year)s har inget utfall; "
                    "ange utfallet för %(year)s eller ett mål i siffror."
                )
                % {"year": reference_year}
            )
        saved, before, after = _write(
            IndicatorValue.objects.filter(**where),
            value,
            {**where, "comparator": comparator, "reference_year": reference_year,
             "source": source},
            seen,
        )  # fmt: skip
        if before != after:
            keep_current(plans_reading(indicator, year))
            record(
                "indicator_value_set",
                acting_user=acting_user,
                obj=indicator,
                changes={"year": year, "kind": str(kind), "value": [before, after]},
            )
    return saved


def do_set_metric_value(
    metric: Metric,
    *,
    plan: Plan,
    year: int,
    kind: ValueKind,
    value: Decimal | None,
    text: str = "",
    acting_user: Actor,
    seen: Seen | None = None,
    source: ValueSource = ValueSource.MANUAL,
) -> MetricValue | None:
    """Set (or, with None and no text, clear) a metric's value of a year: its outcome, interim
    outcome, forecast or target (the planned figure), as a number or in words ("Stängt")."""
    if value is not None and text:
        raise ValueError(_("Ett följetals värde är ett tal eller ett ord, inte båda."))
    if text and text_value(text) is None:
        raise ValueError(
            _(
                "”%(text)s” är inget värde i ord (det får inte innehålla siffror och får vara "
                "högst %(limit)s tecken)."
            )
            % {"text": text[:40], "limit": TEXT_VALUE_LIMIT}
        )
    _refuse_if_locked(metric, plan, year, kind, acting_user)
    with transaction.atomic():
        Metric.objects.select_for_update(of=("self",)).filter(
            pk=metric.pk
        ).first()  # as for indicators
        where = {"metric": metric, "year": year, "kind": kind}
        if text:
            existing = MetricValue.objects.select_for_update(of=("self",)).filter(**where).first()
            check_seen(seen, existing.value if existing is not None else None)
            before = _text(existing)
            saved = existing or MetricValue(**where)
            saved.value, saved.text, saved.source = None, text_value(text) or "", source
            saved.save()
            after = _text(saved)
        else:
            saved, before, after = _write(
                MetricValue.objects.filter(**where), value,
                {**where, "text": "", "source": source}, seen,
            )  # fmt: skip
        if before != after:
            record(
                "metric_value_set",
                acting_user=acting_user,
                obj=metric,
                changes={"year": year, "kind": str(kind), "value": [before, after]},
            )
    return saved


def do_add_indicator(
    goal: CommitteeGoal, values: dict[str, Any], *, acting_user: Actor
) -> Indicator:
    """A new indicator of the goal's body, followed up under the goal."""
    plan = goal.plan
    refuse_if_locked(plan, f"add indicator to {goal.key}", acting_user)
    with transaction.atomic():
        key = unique_key(
            values["name"],
            lambda k: Indicator.objects.filter(body_id=plan.body_id, key=k).exists(),
        )
        indicator = Indicator(body_id=plan.body_id, key=key)
        for field in (
            "name", "unit", "decimals", "polarity", "kolada_kpi", "description", "public",
        ):  # fmt: skip
            setattr(indicator, field, values.get(field, getattr(indicator, field)))
        indicator.name = clean_text(indicator.name).strip()
        indicator.full_clean()
        indicator.save()
        position = (goal.goalindicator_set.aggregate(m=Max("position"))["m"] or 0) + 1
        GoalIndicator.objects.create(goal=goal, indicator=indicator, position=position)
        keep_current({goal.plan_id})
        record(
            "indicator_added",
            acting_user=acting_user,
            obj=indicator,
            changes={"goal": goal.key, "name": indicator.name, "polarity": indicator.polarity},
        )
    return indicator


INDICATOR_FIELDS = (
    "name", "unit", "decimals", "polarity", "kolada_kpi", "kolada_area", "kolada_comparisons",
    "description", "public",
)  # fmt: skip


def _logged(value: Any) -> Any:
    # A yes/no stays a boolean, so the log reads it as ja/nej rather than True/False.
    return value if isinstance(value, bool) else str(value)


def do_change_indicator(
    indicator: Indicator,
    values: dict[str, Any],
    *,
    plan: Plan,
    acting_user: Actor,
    expect: Fingerprint | None = None,
) -> Indicator:
    """Change what an indicator is: its name, unit, direction, link to Kolada and whether
    residents are shown it.

    The indicator is part of the plan's decision, so an adopted plan refuses the change."""
    if indicator.body_id != plan.body_id:
        raise ValueError(
            _("%(indicator)s är inte en indikator för %(body)s.")
            % {"indicator": indicator, "body": plan.body}
        )
    refuse_if_locked(plan, f"change indicator {indicator.key}", acting_user)
    with transaction.atomic():
        indicator = Indicator.objects.select_for_update(of=("self",)).get(pk=indicator.pk)
        check_fingerprint(expect, indicator)
        before = {f: getattr(indicator, f) for f in INDICATOR_FIELDS}
        for field in INDICATOR_FIELDS:
            if field in values:
                setattr(indicator, field, values[field])
        indicator.name = clean_text(indicator.name).strip()
        indicator.full_clean()
        indicator.save()
        changes = {
            f: [_logged(before[f]), _logged(getattr(indicator, f))]
            for f in INDICATOR_FIELDS
            if before[f] != getattr(indicator, f)
        }
        if changes:
            keep_current(plans_concerned(indicator))  # its direction may have turned
            record("indicator_changed", acting_user=acting_user, obj=indicator, changes=changes)
    return indicator


def freeze_publication(plan: Plan) -> None:
    """Record with a decision on the plan which of its goals' indicators are public, so a later
    change of an indicator shared by next year's draft cannot publish more under this plan than
    the body decided (GoalIndicator.published). Runs in the decision's transaction, whose
    audit entry records the decision."""
    links = GoalIndicator.objects.filter(goal__plan=plan)
    links.filter(indicator__public=True).update(published=True)
    links.filter(indicator__public=False).update(published=False)
