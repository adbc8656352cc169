"""What Styr publishes to residents: the one rule the open portal (and every later public route)
reads, so nothing unadopted, internal or marked not public can leak through a page of its own.

- A plan is public once the body has adopted it (adopted or locked), never as a draft or while
  submitted. Its decided documents are, in their public edition (public_versions), until an
  indicator or assignment that edition printed is marked not public.
- A goal's assessment and an assignment's status are public for the report occasions that are
  decided (the plan itself, an adopted interim or annual report), never for a report still
  being written. An analysis or comment marked internal is never public.
- An indicator is public when a goal of a public plan uses it, it was public when that plan
  was decided (GoalIndicator.published), and the municipality has not marked it not public
  since. Of its values: Kolada's (published statistics) and every value of a
  year before the body's first public plan (history its tables printed); a year's targets once
  that year's plan is public; its forecasts and interim outcomes once all its interim reports
  are adopted; its outcome once its annual report is adopted.
- An assignment is public with its plan unless marked not public. Internal control (risks,
  controls) is the administration's own and never public.
"""

from dataclasses import dataclass, field

from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from styr.assignments.models import Assignment
from styr.documents.models import DocumentVersion
from styr.indicators.assessment import Value
from styr.indicators.models import (
    GoalIndicator,
    Indicator,
    IndicatorValue,
    ValueKind,
    ValueSource,
)
from styr.organisation.models import Body, Municipality
from styr.plans.models import OccasionKind, Plan, PlanState, ReportOccasion

PUBLIC_STATES = (PlanState.ADOPTED, PlanState.LOCKED)


def public_plans() -> QuerySet[Plan]:
    """Every adopted or locked plan, with what the portal's pages name of it."""
    return (
        Plan.objects.filter(state__in=PUBLIC_STATES)
        .select_related("body__municipality")
        .prefetch_related(Prefetch("occasions", ReportOccasion.objects.order_by("position")))
    )


def public_municipality(key: str) -> Municipality:
    """A municipality with at least one public plan; others have nothing to show."""
    municipality = Municipality.objects.filter(key=key).first()
    if municipality is None or not public_plans().filter(body__municipality=municipality).exists():
        raise Http404(_("Kommunen har inget publicerat."))
    return municipality


def public_plan(municipality_key: str, body_code: str, year: int) -> Plan:
    """The body's plan for the year if it is public; 404 otherwise, for everyone alike (a
    signed-in editor sees drafts in Styr itself, never on the portal)."""
    plan = (
        public_plans()
        .filter(body__municipality__key=municipality_key, body__code=body_code, year=year)
        .first()
    )
    if plan is None:
        raise Http404(_("Det finns ingen publicerad plan här."))
    return plan


def decided_occasions(plan: Plan) -> list[ReportOccasion]:
    """The plan's occasions whose follow-up is decided, in the year's order: the plan itself
    and its adopted reports."""
    return [o for o in plan.occasions.all() if o.is_decided]


def latest_report(plan: Plan) -> ReportOccasion | None:
    """The latest adopted report (interim or annual), whose assessments the portal shows."""
    reports = [o for o in decided_occasions(plan) if not o.is_plan]
    return reports[-1] if reports else None


@dataclass
class DecidedYears:
    """Per body: which years' indicator values a decision has shown (see the module).

    Values carry no occasion (one row per indicator, year and kind, written again by next
    year's draft and by a report in preparation), so the rule is by year and errs on the side
    of showing less: a year's forecasts only once all its interim reports are adopted, since a
    forecast changes again for the next tertial."""

    first: int = 0  # the body's first public plan's year: earlier years are history
    plans: set[int] = field(default_factory=set)  # years with a public plan (their targets)
    annual: set[int] = field(default_factory=set)  # years whose annual report is adopted
    interim: set[int] = field(default_factory=set)  # years whose interim reports all are

    def shows(self, year: int, kind: str, source: str) -> bool:
        if source == ValueSource.KOLADA or year < self.first:
            return True  # published statistics, or history the first adopted plan printed
        if kind == ValueKind.TARGET:
            return year in self.plans
        if kind == ValueKind.OUTCOME:
            return year in self.annual
        return year in self.annual or year in self.interim


def decided_years(body: Body) -> DecidedYears:
    years = DecidedYears()
    plans = list(public_plans().filter(body=body))
    years.first = min((p.year for p in plans), default=0)
    for plan in plans:
        years.plans.add(plan.year)
        reports = [o for o in plan.occasions.all() if not o.is_plan]
        decided = [o for o in reports if o.is_decided]
        if any(o.kind == OccasionKind.ANNUAL for o in decided):
            years.annual.add(plan.year)
        interims = [o for o in reports if o.kind == OccasionKind.INTERIM]
        if interims and all(o.is_decided for o in interims):
            years.interim.add(plan.year)
    return years


def public_versions(plan_id: int) -> list[DocumentVersion]:
    """The plan's decided documents residents get, each occasion's newest decision first: those
    with a public edition, less any whose edition printed an indicator or an assignment marked
    not public since (a mark that withdraws takes effect at once, on the frozen documents too).
    Three queries, whatever the number of versions."""
    versions = list(
        DocumentVersion.objects.filter(occasion__plan=plan_id, public_tree__isnull=False)
        .select_related("occasion")
        .defer("tree", "public_tree")
        .order_by("occasion__position", "template_key", "-number")
    )
    printed = {
        kind: {pk for v in versions for pk in v.public_items.get(kind, [])}
        for kind in ("indicators", "assignments")
    }
    hidden = {
        "indicators": set(
            Indicator.objects.filter(pk__in=printed["indicators"], public=False).values_list(
                "pk", flat=True
            )
        ),
        "assignments": set(
            Assignment.objects.filter(pk__in=printed["assignments"], public=False).values_list(
                "pk", flat=True
            )
        ),
    }
    return [
        v
        for v in versions
        if not any(hidden[kind].intersection(v.public_items.get(kind, [])) for kind in hidden)
    ]


def public_indicators(body: Body) -> QuerySet[Indicator]:
    """The body's indicators a public plan's goal uses, unless marked not public."""
    return Indicator.objects.filter(
        body=body,
        public=True,
        goalindicator__goal__plan__state__in=PUBLIC_STATES,
        goalindicator__published=True,
    ).distinct()


def public_indicator(municipality_key: str, body_code: str, key: str) -> Indicator:
    indicator = (
        public_indicators_of(municipality_key, body_code).filter(key=key).select_related("body")
    ).first()
    if indicator is None:
        raise Http404(_("Det finns ingen publicerad indikator här."))
    return indicator


def public_indicators_of(municipality_key: str, body_code: str) -> QuerySet[Indicator]:
    return Indicator.objects.filter(
        body__municipality__key=municipality_key,
        body__code=body_code,
        public=True,
        goalindicator__goal__plan__state__in=PUBLIC_STATES,
        goalindicator__published=True,
    ).distinct()


def _withheld_years(indicator_ids: list[int]) -> dict[int, set[int]]:
    """The years whose public plan withheld each indicator: a goal of it uses the indicator and
    none published it (GoalIndicator.published). Withheld links are few: they are read first,
    and the published links only of those indicators."""
    public_links = GoalIndicator.objects.filter(goal__plan__state__in=PUBLIC_STATES)
    withheld: dict[int, set[int]] = {}
    for indicator_id, year in public_links.filter(
        indicator__in=indicator_ids, published=False
    ).values_list("indicator_id", "goal__plan__year"):
        withheld.setdefault(indicator_id, set()).add(year)
    if withheld:
        for indicator_id, year in public_links.filter(
            indicator__in=list(withheld), published=True
        ).values_list("indicator_id", "goal__plan__year"):
            withheld[indicator_id].discard(year)
    return withheld


def _target_published(
    withheld: dict[int, set[int]], indicator_id: int, year: int, kind: str, source: str
) -> bool:
    """A year's target is the plan's: not shown if that year's plan withheld the indicator (its
    targets were decided for the administration only). A year whose plan did not use it keeps
    the rule by year: a later plan's tables print last year's target."""
    if kind != ValueKind.TARGET or source == ValueSource.KOLADA:
        return True
    return year not in withheld.get(indicator_id, set())


def public_values(
    indicator_ids: list[int], years: DecidedYears, *, since: int = 0, until: int = 9999
) -> dict[int, list[IndicatorValue]]:
    """The indicators' public values by indicator, oldest year first."""
    by_indicator: dict[int, list[IndicatorValue]] = {}
    withheld = _withheld_years(indicator_ids)
    for value in IndicatorValue.objects.filter(
        indicator__in=indicator_ids, year__gte=since, year__lte=until
    ).order_by("year", "kind"):
        if years.shows(value.year, value.kind, value.source) and _target_published(
            withheld, value.indicator_id, value.year, value.kind, value.source
        ):
            by_indicator.setdefault(value.indicator_id, []).append(value)
    return by_indicator


def public_value_rows(
    indicator_ids: list[int], years: DecidedYears, *, since: int, until: int
) -> dict[int, list[Value]]:
    """public_values as tuples, for a page of many indicators (a large plan has thousands of
    values, and model instances cost several times as much to build)."""
    by_indicator: dict[int, list[Value]] = {}
    withheld = _withheld_years(indicator_ids)
    for indicator_id, year, kind, value, comparator, reference_year, source in (
        IndicatorValue.objects.filter(
            indicator__in=indicator_ids, year__gte=since, year__lte=until
        ).values_list(
            "indicator_id", "year", "kind", "value", "comparator", "reference_year", "source"
        )  # fmt: skip
    ):
        if years.shows(year, kind, source) and _target_published(
            withheld, indicator_id, year, kind, source
        ):
            by_indicator.setdefault(indicator_id, []).append(
                Value(year, kind, value, comparator, reference_year)
            )
    return by_indicator
