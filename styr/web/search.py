"""One search across what a user may read: plans, goals, indicators, assignments, risks,
activities and chapter texts of the bodies they have a role in, grouped by kind.

PostgreSQL searches with its Swedish full-text configuration (so "bostad" finds "bostäder",
and `"exakt fras"`, `or` and `-ord` work as on the web), ranked. SQLite, the embedded engine
for one municipality's data, finds every word as part of a word in any case (ÅÄÖ included)
with an FTS5 trigram index (styr.web.search_index), words in the title first.
"""

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import connection, models
from django.db.models.expressions import RawSQL
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy

from styr.activities.models import Activity
from styr.assignments.models import Assignment
from styr.documents.sections.goals import goal_name
from styr.indicators.models import GoalIndicator, Indicator
from styr.internal_control.models import Risk
from styr.plans.models import Plan, PlanText
from styr.steering.models import CommitteeGoal
from styr.web.links import activity_url, assignment_url, goal_url, risk_url, text_url
from styr.web.search_index import SHORTEST, ensure_current, matching_ids

PER_KIND = 20
QUERY_LIMIT = 200


@dataclass(frozen=True)
class Hit:
    title: str
    url: str
    where: str  # body and plan
    excerpt: str = ""


@dataclass
class Group:
    label: str
    hits: list[Hit] = field(default_factory=list)
    more: bool = False


@dataclass(frozen=True)
class Kind:
    """One kind of thing searched: its objects, the fields read, and how a hit reads."""

    key: str
    label: str | Promise  # in the reader's language when shown
    everything: Callable[[], models.QuerySet[Any]]
    body: str  # the path from an object to its body
    title: str
    text: str
    hit: Callable[[Any], Hit]
    # PostgreSQL: the model whose rows keep the stored text vector (web migration 0001).
    searched: type[models.Model]

    def queryset(self, bodies: list[int]) -> models.QuerySet[Any]:
        return self.everything().filter(**{f"{self.body}__in": bodies})


def _where(plan: Plan) -> str:
    return f"{plan.body.name} · {plan.title}"


def _excerpt(text: str, words: list[str], length: int = 160) -> str:
    """A piece of the text around the first word found, on one line."""
    flat = " ".join(text.split())
    folded = flat.casefold()
    at = min((i for w in words if (i := folded.find(w)) >= 0), default=0)
    start = max(0, at - length // 3)
    piece = flat[start : start + length]
    return ("…" if start else "") + piece + ("…" if start + length < len(flat) else "")


def _plan_hit(plan: Plan) -> Hit:
    return Hit(plan.title, reverse("web:plan", args=[plan.pk]), plan.body.name)


def _goal_hit(goal: CommitteeGoal) -> Hit:
    return Hit(goal_name(goal), goal_url(goal), _where(goal.plan), goal.description)


def _indicator_hit(link: GoalIndicator) -> Hit:
    plan = link.goal.plan
    url = reverse("web:indicator", args=[plan.pk, link.indicator_id])
    return Hit(link.indicator.name, url, _where(plan), link.indicator.description)


def _assignment_hit(assignment: Assignment) -> Hit:
    return Hit(assignment.text[:200], assignment_url(assignment), _where(assignment.plan))


def _risk_hit(risk: Risk) -> Hit:
    return Hit(risk.description[:200], risk_url(risk), _where(risk.category.plan),
               risk.control_activity)  # fmt: skip


def _activity_hit(activity: Activity) -> Hit:
    return Hit(activity.title, activity_url(activity), _where(activity.plan))


def _text_hit(text: PlanText) -> Hit:
    return Hit(text.title or text.key, text_url(text), _where(text.plan), text.text)


KINDS = [
    Kind("plan", gettext_lazy("Planer"), lambda: Plan.objects.select_related("body"),
         "body", "title", "title", _plan_hit, Plan),
    Kind("goal", gettext_lazy("Mål"),
         lambda: CommitteeGoal.objects.select_related(
             "plan__body", "strategic_area", "prerequisite", "starting_point"),
         "plan__body", "title", "description", _goal_hit, CommitteeGoal),
    # An indicator is found through the plans whose goals it measures.
    Kind("indicator", gettext_lazy("Indikatorer"),
         lambda: GoalIndicator.objects.select_related("indicator", "goal__plan__body")
         .order_by("-goal__plan__year"),
         "goal__plan__body", "indicator__name", "indicator__description", _indicator_hit,
         Indicator),
    Kind("assignment", gettext_lazy("Uppdrag"),
         lambda: Assignment.objects.select_related("plan__body"),
         "plan__body", "text", "text", _assignment_hit, Assignment),
    Kind("risk", gettext_lazy("Risker"),
         lambda: Risk.objects.select_related("category__plan__body"),
         "category__plan__body", "description", "control_activity", _risk_hit, Risk),
    Kind("activity", gettext_lazy("Aktiviteter"),
         lambda: Activity.objects.select_related("plan__body"),
         "plan__body", "title", "title", _activity_hit, Activity),
    Kind("text", gettext_lazy("Texter"),
         lambda: PlanText.objects.of_plan().select_related("plan__body"),
         "plan__body", "title", "text", _text_hit, PlanText),
]  # fmt: skip


def _lexemes(text: str) -> list[str]:
    """The Swedish stems a search asks for ("elever" → "elev"), negated words left out."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT websearch_to_tsquery('swedish', %s)::text", [text])
        (query,) = cursor.fetchone() or ("",)
    return re.findall(r"(?<!!)'([^']+)'", query or "")


def _postgres(kind: Kind, found: models.QuerySet[Any], text: str, stems: list[str]) -> list[Any]:
    if not stems:
        return []  # only stop words ("och", "att") or only excluded words
    # The stored vector (title A, text B) through its GIN index: building the vectors of
    # every candidate on each search cost a large municipality 0.4 s for its chapter texts.
    vector = f'"{kind.searched._meta.db_table}"."search_vector"'
    query = "websearch_to_tsquery('swedish', %s)"
    matches = RawSQL(f"{vector} @@ {query}", [text], output_field=models.BooleanField())
    rank = RawSQL(f"ts_rank({vector}, {query})", [text], output_field=models.FloatField())
    return list(found.filter(matches).annotate(rank=rank).order_by("-rank", "pk")[: PER_KIND + 1])


def _value(obj: Any, path: str) -> str:
    for part in path.split("__"):
        obj = getattr(obj, part)
    return str(obj or "")


def _prefilter(kind: Kind, words: list[str]) -> models.Q:
    """A superset of the matches in SQL: SQLite's LIKE folds only ASCII letters, so each word
    is asked for by its ASCII pieces ("bostäder": "bost" and "der"); Python checks the rest."""
    condition = models.Q()
    for word in words:
        pieces = [p for p in re.split(r"[^\x00-\x7f]+", word) if len(p) >= 2]
        if not pieces:
            continue
        either = models.Q()
        for name in {kind.title, kind.text}:
            both = models.Q()
            for piece in pieces:
                both &= models.Q(**{f"{name}__icontains": piece})
            either |= both
        condition &= either
    return condition


def _embedded(
    kind: Kind, found: models.QuerySet[Any], words: list[str], bodies: list[int]
) -> list[Any]:
    """SQLite: the index finds the candidates by their words of three letters or more (see
    styr.web.search_index); shorter words are checked here."""
    if any(len(w) >= SHORTEST for w in words):
        ids = matching_ids(kind.key, bodies, words, QUERY_LIMIT)
        by_id = {obj.pk: obj for obj in found.filter(pk__in=ids)}
        candidates: Iterable[Any] = [by_id[i] for i in ids if i in by_id]
    else:
        candidates = found.filter(_prefilter(kind, words))[: QUERY_LIMIT * 50]
    ranked = []
    for position, obj in enumerate(candidates):
        title = _value(obj, kind.title).casefold()
        body = title + " " + _value(obj, kind.text).casefold()
        if all(w in body for w in words):
            ranked.append((-sum(w in title for w in words), position, obj))
            if len(ranked) >= QUERY_LIMIT:
                break
    ranked.sort(key=lambda item: item[:2])
    return [obj for _, _, obj in ranked[: PER_KIND + 1]]


def _one_per_indicator(links: list[Any]) -> list[Any]:
    """An indicator measured in several years' plans is one hit, the first found; two
    indicators that share a name are two."""
    first: dict[int, Any] = {}
    for link in links:
        first.setdefault(link.indicator_id, link)
    return list(first.values())


def search(text: str, body_ids: Iterable[int]) -> list[Group]:
    """The hits for `text` among the bodies' data, grouped by kind (kinds without hits left
    out), at most PER_KIND per kind."""
    words = text.casefold().split()
    bodies = list(body_ids)
    if not words or not bodies:
        return []
    groups = []
    postgres = connection.vendor == "postgresql"
    stems = _lexemes(text) if postgres else []
    if not postgres:
        ensure_current()
    for kind in KINDS:
        found = kind.queryset(bodies)
        objects = (
            _postgres(kind, found, text, stems)
            if postgres
            else _embedded(kind, found, words, bodies)
        )
        if kind.key == "indicator":
            objects = _one_per_indicator(objects)
        if not objects:
            continue
        hits = [kind.hit(obj) for obj in objects[:PER_KIND]]
        hits = [Hit(h.title, h.url, h.where, _excerpt(h.excerpt, words) if h.excerpt else "")
                for h in hits]  # fmt: skip
        groups.append(Group(str(kind.label), hits, len(objects) > PER_KIND))
    return groups
