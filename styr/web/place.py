"""Where a plan's page sits: its breadcrumbs, the navigation of the plan's parts with the
current one marked, the plan's year and state, and why the page is read-only, if it is.

Computed from the plan the view already fetched with its permission check (never from the
URL alone), so an error page never names a plan the reader may not see.
"""

from dataclasses import dataclass, field

from django.contrib.auth.models import AnonymousUser, User
from django.http import HttpRequest
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

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
    label: str | Promise  # in the reader's language when shown
    pages: frozenset[str]


SECTIONS = [
    Section("oversikt", gettext_lazy("Översikt"),
            frozenset({"plan", "plan-state", "plan-copy", "reporters", "excel", "excel-preview",
                       "excel-import"})),
    Section("mal", gettext_lazy("Mål och indikatorer"),
            frozenset({"goals", "goal-new", "goal", "goal-indicator", "indicators", "indicator",
                       "indicator-change", "indicator-kolada"})),
    Section("uppdrag", gettext_lazy("Uppdrag"),
            frozenset({"assignments", "assignment-new", "assignment"})),
    Section("aktiviteter", gettext_lazy("Aktiviteter"),
            frozenset({"activities", "activity-new", "activity", "activity-report"})),
    Section("ekonomi", gettext_lazy("Ekonomi"),
            frozenset({"budget", "budget-cell", "budget-follow-up"})),
    Section("internkontroll", gettext_lazy("Internkontroll"),
            frozenset({"risks", "risk-new", "risk"})),
    Section("foljetal", gettext_lazy("Följetal"), frozenset({"metrics", "metric-cell"})),
    Section("texter", gettext_lazy("Texter"),
            frozenset({"plan-texts", "plan-text", "plan-text-preview", "text-images",
                       "plan-items", "plan-item-new", "plan-item", "plan-item-delete"})),
    Section("uppfoljning", gettext_lazy("Uppföljning"),
            frozenset({"follow-up", "follow-up-assignment", "follow-up-goal", "follow-up-risk",
                       "report-texts", "report-text", "occasion-state"})),
    Section("dokument", gettext_lazy("Dokument"),
            frozenset({"document", "document-compare", "document-download", "document-render"})),
    Section("historik", gettext_lazy("Historik"), frozenset({"plan-history"})),
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
        return [
            _("%(plan)s är låst: året är avslutat och allt visas utan att kunna ändras.")
            % {"plan": plan.title}
        ]
    notices = []
    if plan.state == PlanState.ADOPTED:
        when = f" {plan.adopted_on:%Y-%m-%d}" if plan.adopted_on else ""
        minute = f", {plan.adopted_minute}" if plan.adopted_minute else ""
        notices.append(
            # Translators: %(when)s is " 2025-06-12" (with its space) or empty, %(minute)s is
            # ", § 45" (with its comma) or empty.
            _(
                "%(plan)s är fastställd%(when)s%(minute)s. Det beslutade (mål, målvärden, "
                "uppdrag, budget, risker och texter) ändras bara efter en revidering; utfall, "
                "prognoser, status och kommentarer förs in per rapport tills rapporten är "
                "fastställd."
            )
            % {"plan": plan.title, "when": when, "minute": minute}
        )
    elif plan.state == PlanState.SUBMITTED:
        notices.append(
            _(
                "%(plan)s är inlämnad för beslut. Den kan fortfarande ändras; återöppna den "
                "först om ändringen ska göras innan den fastställs."
            )
            % {"plan": plan.title}
        )
    if isinstance(user, User) and not can_edit(user, plan.body):
        if can_report(user, plan.body):
            notices.append(
                _(
                    "Du rapporterar uppföljning i %(body)s: mål, uppdrag och risker som du är "
                    "rapportör för. Planens innehåll ändras av nämndens redaktörer."
                )
                % {"body": plan.body.name}
            )
        else:
            notices.append(
                _("Du har läsbehörighet i %(body)s: sidan visas utan att kunna ändras.")
                % {"body": plan.body.name}
            )
    return notices


def place_of(request: HttpRequest, plan: Plan) -> Place:
    match = request.resolver_match
    page = match.url_name if match is not None else ""
    occasion = current_occasion(plan)
    body = plan.body
    crumbs = [
        # Translators: the first breadcrumb, the start page.
        Link(_("Start"), reverse("web:home")),
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
        link = Link(str(section.label), url, here)
        sections.append(link)
        if here:
            current = link
            on_index = url == request.path
    return Place(plan, crumbs, sections, current, on_index, _notices(request.user, plan))
