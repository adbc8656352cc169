"""Who calls the API: a resident or another public system (no token: what the portal shows),
or an official's personal token (what that official may see, within the token's bodies)."""

import threading
import time
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import User
from django.core.cache import caches
from django.core.exceptions import ImproperlyConfigured
from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja.security import HttpBearer
from ninja.throttling import BaseThrottle

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


PERIODS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_rate(rate: str) -> tuple[int, int]:
    """'120/m' as (120 requests, 60 seconds); a misspelt setting is an error, not no limit."""
    count, _, period = rate.partition("/")
    if not count.isdigit() or period[:1] not in PERIODS:
        raise ImproperlyConfigured(f"rate {rate!r}: write requests/period, e.g. 120/m")
    return int(count), PERIODS[period[:1]]


class CallerThrottle(BaseThrottle):
    """Requests per token, or per address for anonymous callers, at the settings' rates (read
    at each request). One instance serves every request of every thread, so it keeps nothing
    of a request on itself (ninja's SimpleRateThrottle does): each call works on its own."""

    def __init__(self) -> None:
        self._wait = threading.local()

    def allow_request(self, request: HttpRequest) -> bool:
        caller = getattr(request, "auth", None)
        if isinstance(caller, Caller) and caller.token is not None:
            key, rate = f"api-throttle-token-{caller.token.pk}", settings.API_RATE_TOKEN
        else:
            key, rate = (
                f"api-throttle-address-{self.get_ident(request)}",
                settings.API_RATE_ANONYMOUS,
            )
        allowed, seconds = parse_rate(rate)
        now = time.time()
        # Shared by every process (settings.CACHES); two requests at the same instant may both
        # pass, which a limit of hundreds a minute allows for.
        limits = caches["limits"]
        history = [t for t in limits.get(key, []) if t > now - seconds]
        if len(history) >= allowed:
            self._wait.value = seconds - (now - history[-1])
            return False
        limits.set(key, [now, *history], seconds)
        return True

    def wait(self) -> float | None:
        return getattr(self._wait, "value", None)
