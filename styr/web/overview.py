"""What the overview pages show, computed in a fixed number of queries whatever the plan's size."""

import threading
from collections import Counter, OrderedDict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import NamedTuple

from django.db.models import Count, F, Max, Subquery
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from styr.assignments.models import Assignment, AssignmentFollowUp
from styr.audit.models import AuditEntry
from styr.core.formatting import format_number
from styr.core.language import in_reader_language
from styr.indicators.assessment import (
    Assessment,
    Status,
    Value,
    assess_indicator,
    goal_status,
    result_kinds,
)
from styr.indicators.models import Indicator, IndicatorValue
from styr.indicators.rollup import (  # re-exported: the overview pages read them from here
    YEARS_BACK,
    add_reference_outcomes,
    assessed_year,
    goal_rollup,
    stored_rollup,
)
from styr.indicators.targets import target_text
from styr.indicators.vocabulary import FULFILMENT_STATUS
from styr.internal_control.models import Axis, Risk
from styr.plans.models import Plan, ReportOccasion
from styr.steering.models import CommitteeGoal, GoalFollowUp

__all__ = ["YEARS_BACK", "add_reference_outcomes", "assessed_year", "goal_rollup"]


@dataclass
class IndicatorRow:
    indicator: Indicator
    assessment: Assessment
    findings: list[str] = field(default_factory=list)  # what `styr check` says of it

    # Display text computed once here: a large plan has hundreds of rows, and each template
    # lookup costs more than the Python.
    @property
    def result_text(self) -> str:
        result = self.assessment.result
        return format_number(result.value) if result is not None else ""

    @property
    def target_text(self) -> str:
        target = self.assessment.target
        if target is None:
            return ""
        return target_text(target.comparator, target.value, target.reference_year)

    @property
    def target_note(self) -> str:
        """ "(mål ≥ 80)" beside a result: one gettext a row, where a template's blocktranslate
        rendered a template of its own for each of a large plan's hundreds of indicators."""
        shown = self.target_text
        return _("(mål %(target)s)") % {"target": shown} if shown else ""


@dataclass
class GoalRow:
    goal: CommitteeGoal
    answers_to: str
    indicators: list[IndicatorRow]
    status: Status
    assessed_by_hand: bool = False
    analysis: str = ""
    fulfilment_key: str = ""
    # Whether the assessment's analysis is internal (not shown to residents).
    internal: bool = False
    # Whether the viewing user may report this goal's follow-up (set by the follow-up page).
    reportable: bool = False


@dataclass
class Overview:
    plan: Plan
    year: int
    goals: list[GoalRow]
    goal_counts: dict[Status, int]
    indicator_counts: dict[Status, int]
    assignments_by_status: list[tuple[str, int]]
    # Rows of (score, risks, probability, consequence): one per cell of the matrix.
    heat: list[list[tuple[int, int, int, int]]] = field(default_factory=list)
    probability_labels: list[str] = field(default_factory=list)
    consequence_labels: list[str] = field(default_factory=list)
    threshold: int = 0


def _answers_to(goal: CommitteeGoal) -> str:
    parts = [
        item.name
        for item in (
            goal.strategic_area,
            goal.municipal_goal,
            goal.prerequisite,
            goal.starting_point,
        )
        if item is not None
    ]
    return " → ".join(parts)


class Fetched(NamedTuple):
    """A plan's goals, each goal's indicators in order, and the indicators' recent values."""

    goals: list[CommitteeGoal]
    indicators_of: dict[int, list[Indicator]]
    values: dict[int, list[Value]]
    # Each goal's assessments by hand (see hand_assessments).
    assessed: "Assessed"


Assessed = dict[int, list[tuple[int, str, str, bool]]]


def hand_assessments(
    goal_ids: list[int], *, occasions: set[int] | None = None, public: bool = False
) -> Assessed:
    """Each goal's assessments by hand as (occasion id, option key, analysis, internal), the
    latest occasion's last; only `occasions`' when given. `public`: an internal analysis as
    none (the open portal). As rows, not model instances: a plan followed up all year has a few
    per goal."""
    chosen = GoalFollowUp.objects.filter(goal__in=goal_ids, fulfilment__isnull=False)
    if occasions is not None:
        chosen = chosen.filter(occasion__in=occasions)
    assessed: Assessed = {}
    for goal_id, occasion_id, key, analysis, internal in chosen.order_by(
        "occasion__position", "pk"
    ).values_list("goal_id", "occasion_id", "fulfilment__key", "analysis", "internal"):
        shown = "" if public and internal else analysis
        assessed.setdefault(goal_id, []).append((occasion_id, key, shown, internal))
    return assessed


def indicators_by_goal(goal_ids: list[int], *, public: bool = False) -> dict[int, list[Indicator]]:
    """Each goal's indicators in the plan's order (`public`: those public and published with
    the goal's plan), read
    as indicators with their goal's id, not through their links to the goals, which made twice
    the model instances."""
    if public:
        # One filter call, so the link read is the same join as the goal's (published with
        # that goal's plan, see GoalIndicator.published).
        chosen = Indicator.objects.filter(
            goalindicator__goal__in=goal_ids, goalindicator__published=True, public=True
        )
    else:
        chosen = Indicator.objects.filter(goalindicator__goal__in=goal_ids)
    linked = chosen.annotate(linked_goal_id=F("goalindicator__goal_id")).order_by(
        "goalindicator__position", "goalindicator__pk"
    )
    indicators_of: dict[int, list[Indicator]] = {}
    for indicator in linked:
        linked_to: int = indicator.linked_goal_id  # type: ignore[attr-defined]
        indicators_of.setdefault(linked_to, []).append(indicator)
    return indicators_of


def _goals(plan: Plan, only: CommitteeGoal | None = None) -> Fetched:
    """The plan's goals (or `only` the one) with their indicators, and the indicators' recent
    values by indicator.

    Values are read as tuples, not model instances: a large plan has thousands."""
    chosen = plan.goals.all() if only is None else plan.goals.filter(pk=only.pk)
    goals = list(
        chosen.select_related(
            "strategic_area", "municipal_goal", "prerequisite", "starting_point", "reporter"
        )
    )
    ids = [goal.pk for goal in goals]
    assessed = hand_assessments(ids)
    indicators_of = indicators_by_goal(ids)
    rows = IndicatorValue.objects.filter(
        indicator__goalindicator__goal__in=ids,
        year__gte=plan.year - YEARS_BACK,
        year__lte=plan.year,
    ).values_list("indicator_id", "year", "kind", "value", "comparator", "reference_year")
    values: dict[int, list[Value]] = {}
    for indicator_id, year, kind, value, comparator, reference_year in rows.distinct():
        values.setdefault(indicator_id, []).append(
            Value(year, kind, value, comparator, reference_year)
        )
    add_reference_outcomes(values)
    return Fetched(goals, indicators_of, values, assessed)


def goal_rows(
    plan: Plan,
    year: int,
    occasion: ReportOccasion | None = None,
    fetched: Fetched | None = None,
    only: CommitteeGoal | None = None,
) -> list[GoalRow]:
    """The plan's goals as the overview pages show them, or `only` the one (a goal's form after
    a save)."""
    municipality = plan.body.municipality
    tolerance = Decimal(municipality.target_tolerance)
    goals, indicators_of, values, assessed = fetched if fetched is not None else _goals(plan, only)
    kinds = result_kinds(occasion.kind if occasion is not None else None)
    rows = []
    for goal in goals:
        indicators = [
            IndicatorRow(
                indicator,
                assess_indicator(indicator, values.get(indicator.pk, []), year, tolerance, kinds),
            )
            for indicator in indicators_of.get(goal.pk, [])
        ]
        status = goal_status((r.assessment.status for r in indicators), municipality.goal_rule)
        row = GoalRow(goal, _answers_to(goal), indicators, status)
        manual = [
            (key, analysis, internal)
            for occasion_id, key, analysis, internal in assessed.get(goal.pk, [])
            if occasion is None or occasion_id == occasion.pk
        ]
        if manual:
            key, analysis, internal = manual[-1]
            row.status = FULFILMENT_STATUS.get(key, status)
            row.assessed_by_hand = True
            row.analysis = analysis
            row.fulfilment_key = key
            row.internal = internal
        rows.append(row)
    return rows


def plan_overview(plan: Plan, year: int | None = None) -> Overview:
    fetched = _goals(plan)
    year = year or assessed_year(fetched.values, plan.year)
    goals = goal_rows(plan, year, fetched=fetched)
    goal_counts = Counter(g.status for g in goals)
    indicator_counts = Counter(i.assessment.status for g in goals for i in g.indicators)
    plan_occasion = next((o for o in plan.occasions.all() if o.kind == "plan"), None)
    # Each assignment's status at the plan occasion, read as rows (a plan has hundreds).
    status_of: dict[int, str] = {}
    follow_ups = AssignmentFollowUp.objects.filter(assignment__plan=plan)
    if plan_occasion is not None:
        follow_ups = follow_ups.filter(occasion=plan_occasion)
    for assignment_id, label, label_en in follow_ups.values_list(
        "assignment_id", "status__label", "status__label_en"
    ):
        if assignment_id not in status_of:
            status_of[assignment_id] = in_reader_language(label, label_en or "") if label else ""
    nothing = _("Ingen status")
    statuses: Counter[str] = Counter(
        status_of.get(pk) or nothing
        for pk in Assignment.objects.filter(plan=plan).values_list("pk", flat=True)
    )
    overview = Overview(
        plan=plan,
        year=year,
        goals=goals,
        goal_counts={s: goal_counts.get(s, 0) for s in Status},
        indicator_counts={s: indicator_counts.get(s, 0) for s in Status},
        assignments_by_status=sorted(statuses.items(), key=lambda kv: -kv[1]),
    )
    _heat_map(plan, overview)
    return overview


def _heat_map(plan: Plan, overview: Overview) -> None:
    matrix = plan.risk_matrix
    if matrix is None:
        return
    levels = list(matrix.levels.all())
    probabilities = sorted(
        (lv for lv in levels if lv.axis == Axis.PROBABILITY), key=lambda lv: -lv.value
    )
    consequences = sorted(
        (lv for lv in levels if lv.axis == Axis.CONSEQUENCE), key=lambda lv: lv.value
    )
    placed = Counter(
        (r.probability, r.consequence)
        for r in Risk.objects.for_plan(plan).only("probability", "consequence")
    )
    overview.heat = [
        [
            (p.value * c.value, placed.get((p.value, c.value), 0), p.value, c.value)
            for c in consequences
        ]  # fmt: skip
        for p in probabilities
    ]
    overview.probability_labels = [p.shown for p in probabilities]
    overview.consequence_labels = [c.shown for c in consequences]
    overview.threshold = matrix.plan_threshold


ROLLUP_SECONDS = 3600
# How far back among the ids a late commit is noticed (see newest_change): transactions still
# open while this many later changes commit are not.
RECENT_IDS = 1000


def newest_change() -> str:
    """A change stamp for caches: the newest audit entry's id, and how many entries there are
    among the newest ids.

    Every change in Styr writes an audit entry in its own transaction (the UI, the admin,
    imports), so a new entry means new keys and nothing cached outlives a change. The count
    catches a transaction that took its id before another's but committed after it (on
    PostgreSQL ids are handed out at insert, not at commit): the newest id stays the same when
    it commits, the count does not. One query, on the primary key's index."""
    newest = AuditEntry.objects.order_by("-pk").values("pk")[:1]
    stamp = AuditEntry.objects.filter(pk__gt=Subquery(newest) - RECENT_IDS).aggregate(
        newest=Max("pk"), recent=Count("pk")
    )
    return f"{stamp['newest'] or 0}.{stamp['recent']}"


# The overviews built last in this process, by key, oldest first. Not in Django's cache: an
# overview holds hundreds of model instances, and pickling one into the cache and out again
# cost a large plan's page some 20 ms, which while editors save (a new key every save) was
# nearly always thrown away. The key says when an entry is out of date, so each process may
# keep its own. Pages only read an overview, apart from the plan page setting each row's
# findings, which are the same for the same key.
_RECENT: OrderedDict[str, Overview] = OrderedDict()
_RECENT_SIZE = 32
_recent_lock = threading.Lock()


def forget_overviews() -> None:
    """Drop this process's remembered overviews (tests that count a page as built anew)."""
    with _recent_lock:
        _RECENT.clear()


def cached_plan_overview(
    plan: Plan, year: int | None = None, change: str | None = None
) -> Overview:
    """plan_overview, remembered until anything changes (see newest_change; `change` when the
    caller has read it). It holds text in the reader's language ("Ingen status"), so each
    language is remembered apart."""
    key = f"{plan.pk}:{year}:{newest_change() if change is None else change}:{get_language()}"
    with _recent_lock:
        overview = _RECENT.get(key)
        if overview is not None:
            _RECENT.move_to_end(key)
            return overview
    overview = plan_overview(plan, year)
    with _recent_lock:
        _RECENT[key] = overview
        while len(_RECENT) > _RECENT_SIZE:
            _RECENT.popitem(last=False)
    return overview


def current_goal_rollup(plans: list[Plan]) -> dict[int, dict[Status, int]]:
    """Goal statuses counted per plan, as stored and kept current by the actions that change
    them (styr.indicators.rollup): one query, and current the moment a change is committed."""
    return stored_rollup(plans)
