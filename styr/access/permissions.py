"""The one place that decides who may see and change what.

Views fetch objects only through `access_*` functions here: a user without a role on a body
gets 404 for its pages (its existence is not revealed) and 403 for writes they may read but
not make.
"""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from styr.access.models import Grant, Role
from styr.core.models import ReportedItem
from styr.indicators.models import GoalIndicator, Indicator
from styr.organisation.models import Body, Municipality
from styr.plans.models import Plan

if TYPE_CHECKING:
    from styr.tasks.models import Job

User = AbstractBaseUser | AnonymousUser

# Roles that read every body of their municipality.
READ_ALL = frozenset({Role.OVERSIGHT, Role.AUDITOR, Role.ADMINISTRATOR})
# Roles that change a body's plan and follow-up.
WRITE = frozenset({Role.EDITOR, Role.ADMINISTRATOR})


def _grants(user: User) -> QuerySet[Grant]:
    if not user.is_authenticated:
        return Grant.objects.none()
    return Grant.objects.filter(user_id=user.pk)


# The roles looked up during the current request, by user and body: a page asks four or five
# times (the object, the forms it offers, the navigation). Only inside `remembering_roles`
# (RolesMiddleware), and forgotten whenever a grant is saved or deleted.
_remembered: ContextVar[dict[tuple[int, int], frozenset[Role]] | None] = ContextVar(
    "remembered_roles", default=None
)


@contextmanager
def remembering_roles() -> Iterator[None]:
    token = _remembered.set({})
    try:
        yield
    finally:
        _remembered.reset(token)


def forget_roles() -> None:
    remembered = _remembered.get()
    if remembered is not None:
        remembered.clear()


class RolesMiddleware:
    """Each request remembers the roles it has looked up (see remembering_roles)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        with remembering_roles():
            return self.get_response(request)


def roles_on(user: User, body: Body) -> frozenset[Role]:
    """The roles a user holds on a body, municipality-wide ones included."""
    if getattr(user, "is_superuser", False):
        return frozenset({Role.ADMINISTRATOR})
    if not user.is_authenticated:
        return frozenset()
    remembered = _remembered.get()
    key = (user.pk, body.pk)
    if remembered is not None and key in remembered:
        return remembered[key]
    grants = _grants(user).filter(
        Q(body=body) | Q(body__isnull=True, municipality_id=body.municipality_id)
    )
    roles = frozenset(Role(r) for r in grants.values_list("role", flat=True))
    if remembered is not None:
        remembered[key] = roles
    return roles


def can_read(user: User, body: Body) -> bool:
    return bool(roles_on(user, body))


def can_edit(user: User, body: Body) -> bool:
    return bool(roles_on(user, body) & WRITE)


def can_report(user: User, body: Body) -> bool:
    """Enter outcomes, statuses and comments at a report occasion."""
    return bool(roles_on(user, body) & (WRITE | {Role.REPORTER}))


@dataclass(frozen=True)
class ReportScope:
    """What a user may report at a body's report occasions: everything, or their own items."""

    everything: bool
    # Set for a reporter (rapportör): the items whose `reporter` is this user are theirs.
    reporter_id: int | None

    @property
    def anything(self) -> bool:
        return self.everything or self.reporter_id is not None

    def covers(self, item: ReportedItem) -> bool:
        return self.everything or (
            self.reporter_id is not None and item.reporter_id == self.reporter_id
        )

    def covers_indicator(self, plan: Plan, indicator: Indicator) -> bool:
        """A reporter enters the outcomes of the indicators under the goals they report."""
        if self.everything:
            return True
        return (
            self.reporter_id is not None
            and GoalIndicator.objects.filter(
                goal__plan=plan, goal__reporter_id=self.reporter_id, indicator=indicator
            ).exists()
        )


def report_scope(user: User, body: Body) -> ReportScope:
    roles = roles_on(user, body)
    return ReportScope(
        everything=bool(roles & WRITE),
        reporter_id=user.pk if Role.REPORTER in roles else None,
    )


def require_report(scope: ReportScope, item: ReportedItem) -> None:
    """Refuse (403) a report on an item the user is not the reporter of."""
    if not scope.covers(item):
        raise PermissionDenied(_("Du rapporterar bara för det som tilldelats dig."))


def reporters_of(body: Body) -> QuerySet[AbstractBaseUser]:
    """The users who may be made reporter of a body's items: its rapportörer and editors."""
    grants = Grant.objects.filter(body=body, role__in=[Role.REPORTER, Role.EDITOR])
    return (
        get_user_model()
        .objects.filter(pk__in=grants.values("user_id"), is_active=True)
        .order_by("username")
    )


def editable_body_ids(user: User) -> set[int]:
    """The bodies a user may change, in one query (for pages that list many bodies)."""
    if getattr(user, "is_superuser", False):
        return set(Body.objects.values_list("pk", flat=True))
    grants = _grants(user).filter(role__in=WRITE)
    wide = grants.filter(body__isnull=True).values("municipality_id")
    own = grants.filter(body__isnull=False).values("body_id")
    return set(
        Body.objects.filter(Q(municipality_id__in=wide) | Q(pk__in=own)).values_list(
            "pk", flat=True
        )
    )


def visible_bodies(user: User) -> QuerySet[Body]:
    """The bodies a user may read."""
    if getattr(user, "is_superuser", False):
        return Body.objects.all()
    grants = _grants(user)
    wide = grants.filter(body__isnull=True, role__in=READ_ALL).values("municipality_id")
    own = grants.filter(body__isnull=False).values("body_id")
    return Body.objects.filter(Q(municipality_id__in=wide) | Q(pk__in=own))


def access_body(user: User, body_id: int) -> Body:
    body = visible_bodies(user).select_related("municipality").filter(pk=body_id).first()
    if body is None:
        raise Http404(_("Organet finns inte eller så saknar du behörighet."))
    return body


def access_plan(user: User, plan_id: int, *, write: bool = False, report: bool = False) -> Plan:
    """The plan, if the user may read it (else 404) and, when asked, change it (else 403)."""
    plan = (
        Plan.objects.filter(body__in=visible_bodies(user), pk=plan_id)
        .select_related("body__municipality")
        # Read once for the page: its navigation, overview and table of reports each list them.
        .prefetch_related("occasions")
        .first()
    )
    if plan is None:
        raise Http404(_("Planen finns inte eller så saknar du behörighet."))
    if write and not can_edit(user, plan.body):
        raise PermissionDenied(_("Du får läsa men inte ändra den här planen."))
    if report and not can_report(user, plan.body):
        raise PermissionDenied(_("Du får läsa men inte rapportera i den här planen."))
    return plan


def access_indicator(user: User, indicator_id: int) -> Indicator:
    indicator = (
        Indicator.objects.filter(body__in=visible_bodies(user), pk=indicator_id)
        .select_related("body__municipality")
        .first()
    )
    if indicator is None:
        raise Http404(_("Indikatorn finns inte eller så saknar du behörighet."))
    return indicator


def can_manage_reference(user: User, municipality: Municipality) -> bool:
    """Change the municipality's reference data (status scales, templates): its
    administrators."""
    if getattr(user, "is_superuser", False):
        return True
    return (
        _grants(user)
        .filter(role=Role.ADMINISTRATOR, municipality=municipality, body__isnull=True)
        .exists()
    )


def managed_municipalities(user: User) -> QuerySet[Municipality]:
    if getattr(user, "is_superuser", False):
        return Municipality.objects.all()
    ids = _grants(user).filter(role=Role.ADMINISTRATOR, body__isnull=True)
    return Municipality.objects.filter(pk__in=ids.values("municipality_id"))


def header_links(user: User) -> tuple[bool, bool]:
    """Whether the site header offers the audit log (as can_read_audit_log) and the reference
    data (as managed_municipalities), in one query: the header is on every page."""
    if getattr(user, "is_superuser", False):
        return True, True
    rows = _grants(user).filter(role__in=[Role.AUDITOR, Role.ADMINISTRATOR])
    found = set(rows.values_list("role", "body_id"))
    return bool(found), any(role == Role.ADMINISTRATOR and body is None for role, body in found)


def can_read_audit_log(user: User) -> bool:
    """Auditors and administrators read the whole audit log."""
    audit_log, _reference = header_links(user)
    return audit_log


def audit_log_bodies(user: User) -> QuerySet[Body]:
    """The bodies whose changes the user reads in the audit log: those of the municipalities
    where they are auditor or administrator (every body for a superuser)."""
    if getattr(user, "is_superuser", False):
        return Body.objects.all()
    grants = _grants(user).filter(role__in=[Role.AUDITOR, Role.ADMINISTRATOR])
    return Body.objects.filter(municipality__in=grants.values("municipality_id"))


def access_job(user: User, job_id: int) -> "Job":
    """A background job, to the user who asked for it, and only while they may still read the
    plan it concerns (else 404)."""
    from styr.tasks.models import Job

    job = Job.objects.defer("file_content").filter(pk=job_id).first()
    if job is None or not user.is_authenticated or job.created_by_id != user.pk:
        raise Http404(_("Jobbet finns inte eller så saknar du behörighet."))
    plan_id = job.params.get("plan")
    if plan_id is not None:
        job.plan = access_plan(user, int(plan_id))  # type: ignore[attr-defined]
    return job
