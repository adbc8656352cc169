"""Who calls the API: a resident or another public system (no token: what the portal shows),
or an official's personal token (what that official may see, within the token's bodies)."""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import User
from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja.security import HttpBearer
from ninja.throttling import SimpleRateThrottle

from styr.access.permissions import visible_bodies
from styr.api.actions import token_for
from styr.api.models import ApiToken
from styr.organisation.models import Body
from styr.plans.models import Plan
from styr.portal.published import public_plans


@dataclass(frozen=True)
class Caller:
    """The caller of a request: `token` None for an anonymous one."""

    token: ApiToken | None

    @property
    def user(self) -> User | None:
        return self.token.user if self.token is not None else None

    def bodies(self) -> QuerySet[Body]:
        """The bodies a token reaches: its own, of those its user may still read."""
        assert self.token is not None and self.user is not None
        return visible_bodies(self.user).filter(pk__in=[b.pk for b in self.token.bodies.all()])

    def plans(self) -> QuerySet[Plan]:
        """The plans the caller reads: the published ones, or the token's bodies' own in any
        state."""
        if self.token is None:
            return public_plans()
        return (
            Plan.objects.filter(body__in=self.bodies())
            .select_related("body__municipality")
            .prefetch_related("occasions")
        )

    def plan(self, plan_id: int) -> Plan:
        plan = self.plans().filter(pk=plan_id).first()
        if plan is None:
            raise Http404(_("Planen finns inte eller så når du den inte."))
        return plan


class TokenAuth(HttpBearer):
    """A personal token in `Authorization: Bearer styr_…`; anything else is refused (401)."""

    openapi_description = "A personal API token, created under API-nycklar in Styr."

    def authenticate(self, request: HttpRequest, token: str) -> Caller | None:
        found = token_for(token)
        return Caller(found) if found is not None else None


class TokenOrAnonymous(TokenAuth):
    """No Authorization header reads as a resident would; a header with a bad token is
    refused, never read as anonymous, so a revoked token fails loudly."""

    def __call__(self, request: HttpRequest) -> Caller | None:
        if self.header not in request.headers:
            return Caller(None)
        return super().__call__(request)


class CallerThrottle(SimpleRateThrottle):
    """Requests per token, or per address for anonymous callers, at the settings' rates (read
    at each request, so a changed setting needs no restart of the API object)."""

    scope = "styr"

    def __init__(self) -> None:
        self.rate = None

    def allow_request(self, request: HttpRequest) -> bool:
        caller = getattr(request, "auth", None)
        anonymous = not isinstance(caller, Caller) or caller.token is None
        self.rate = settings.API_RATE_ANONYMOUS if anonymous else settings.API_RATE_TOKEN
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request)

    def get_cache_key(self, request: HttpRequest) -> str | None:
        caller = getattr(request, "auth", None)
        if isinstance(caller, Caller) and caller.token is not None:
            return f"api-throttle-token-{caller.token.pk}"
        return f"api-throttle-address-{self.get_ident(request)}"
