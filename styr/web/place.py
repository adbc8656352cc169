"""Where a plan's page sits: its breadcrumbs, the navigation of the plan's parts with the
current one marked, the plan's year and state, and why the page is read-only, if it is.

Computed from the plan the view already fetched with its permission check (never from the
URL alone), so an error page never names a plan the reader may not see.
"""

from dataclasses import dataclass, field

from django.contrib.auth.models import AnonymousUser, User
from django.http import HttpRequest
from django.urls import reverse

from styr.access.permissions import can_edit, can_report
from styr.documents.produce import documents_by_kind
from styr.plans.models import Plan, PlanState, ReportOccasion


@dataclass(frozen=True)
class Link:
    label: str
    url: str
    current: bool = False


@dataclass(frozen=True)
class Section:
    """One part of the plan in the navigation, and the pages (URL names) that belong to it."""

    key: str
    label: str
    pages: frozenset[str]


SECTIONS = [
    Section("oversikt", "Översikt", frozenset({"plan", "plan-state", "plan-copy", "reporters",
                                               "excel", "excel-preview", "excel-import"})),
    Section("mal", "Mål och indikatorer", frozenset({"goals", "goal-new", "goal", "goal-indicator",
                                                     "indicator", "indicator-change",
                                                     "indicator-kolada"})),
    Section("uppdrag", "Uppdrag", frozenset({"assignments", "assignment-new", "assignment"})),
    Section("aktiviteter", "Aktiviteter", frozenset({"activities", "activity-new", "activity",
                                                     "activity-report"})),
    Section("ekonomi", "Ekonomi", frozenset({"budget", "budget-cell", "budget-follow-up"})),
    Section("internkontroll", "Internkontroll", frozenset({"risks", "risk-new", "risk"})),
    Section("foljetal", "Följetal", frozenset({"metrics", "metric-cell"})),
    Section("texter", "Texter", frozenset({"plan-texts", "plan-text", "plan-text-preview",
                                           "text-images", "plan-items",
                                           "plan-item-new", "plan-item", "plan-item-delete"})),
    Section("uppfoljning", "Uppföljning", frozenset({"follow-up", "follow-up-assignment",
                                                     "follow-up-goal", "follow-up-risk",
                                                     "report-texts", "report-text",
                                                     "occasion-state"})),
    Section("dokument", "Dokument", frozenset({"document", "document-compare",
                                               "document-download"})),
    Section("historik", "Historik", frozenset({"plan-history"})),
]  # fmt: skip
# The page each part's link leads to: its first page.
_INDEX = {
    "oversikt": "plan", "mal": "goals", "uppdrag": "assignments", "aktiviteter": "activities",
    "ekonomi": "budget", "internkontroll": "risks", "foljetal": "metrics",
    "texter": "plan-texts", "historik": "plan-history",
}  # fmt: skip


@dataclass(frozen=True)
class Place:
    plan: Plan
    crumbs: list[Link]
    sections: list[Link]
    # The current part, linked when the page is one of its sub-pages (the page then adds
    # its own last crumb); None on a page that is no part of the plan.
    section: Link | None
    on_index: bool
    notices: list[str] = field(default_factory=list)


def current_occasion(plan: Plan) -> ReportOccasion | None:
    """The report whose follow-up is under way: the first that is not decided yet, or else
    the last one."""
    reports = [o for o in plan.occasions.all() if not o.is_plan]
    for occasion in reports:
        occasion.plan = plan
        if not occasion.is_decided:
            return occasion
    return reports[-1] if reports else None


def _section_url(section: Section, plan: Plan, occasion: ReportOccasion | None) -> str | None:
    if section.key == "uppfoljning":
        if occasion is None:
            return None
        return reverse("web:follow-up", args=[plan.pk, occasion.key])
    if section.key == "dokument":
        template = documents_by_kind(plan.body.municipality_id)[
            occasion.kind if occasion is not None and occasion.is_decided else "plan"
        ]
        return reverse("web:document", args=[plan.pk, template])
    return reverse(f"web:{_INDEX[section.key]}", args=[plan.pk])


def _notices(user: User | AnonymousUser, plan: Plan) -> list[str]:
    """Why what is shown cannot be changed here, in the reader's terms."""
    if plan.state == PlanState.LOCKED:
        return [f"{plan.title} är låst: året är avslutat och allt visas utan att kunna ändras."]
    notices = []
    if plan.state == PlanState.ADOPTED:
        when = f" {plan.adopted_on:%Y-%m-%d}" if plan.adopted_on else ""
        minute = f", {plan.adopted_minute}" if plan.adopted_minute else ""
        notices.append(
            f"{plan.title} är fastställd{when}{minute}. Det beslutade (mål, målvärden, uppdrag, "
            "budget, risker och texter) ändras bara efter en revidering; utfall, prognoser, "
            "status och kommentarer förs in per rapport tills rapporten är fastställd."
        )
    elif plan.state == PlanState.SUBMITTED:
        notices.append(
            f"{plan.title} är inlämnad för beslut. Den kan fortfarande ändras; återöppna den "
            "först om ändringen ska göras innan den fastställs."
        )
    if isinstance(user, User) and not can_edit(user, plan.body):
        if can_report(user, plan.body):
            notices.append(
                f"Du rapporterar uppföljning i {plan.body.name}: mål, uppdrag och risker som "
                "du är rapportör för. Planens innehåll ändras av nämndens redaktörer."
            )
        else:
            notices.append(
                f"Du har läsbehörighet i {plan.body.name}: sidan visas utan att kunna ändras."
            )
    return notices


def place_of(request: HttpRequest, plan: Plan) -> Place:
    match = request.resolver_match
    page = match.url_name if match is not None else ""
    occasion = current_occasion(plan)
    body = plan.body
    crumbs = [
        Link("Start", reverse("web:home")),
        Link(body.municipality.name, reverse("web:home")),
        Link(body.name, reverse("web:body", args=[body.pk])),
        Link(plan.title, reverse("web:plan", args=[plan.pk])),
    ]
    sections: list[Link] = []
    current: Link | None = None
    on_index = False
    for section in SECTIONS:
        url = _section_url(section, plan, occasion)
        if url is None:
            continue
        here = page in section.pages
        link = Link(section.label, url, here)
        sections.append(link)
        if here:
            current = link
            on_index = url == request.path
    return Place(plan, crumbs, sections, current, on_index, _notices(request.user, plan))
