"""Styr's REST API (django-ninja): OpenAPI 3.1 at /api/openapi.json, interactive docs at
/api/docs. Every refusal is JSON with a `detail` that says what is wrong."""

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, Throttled, ValidationError

from styr.api import activities, reading, writing
from styr.api.auth import CallerThrottle, TokenOrAnonymous
from styr.core.conflicts import StaleRecord, StaleValue
from styr.plans.actions import PlanLocked
from styr.steering.actions import AnalysisRequired

api = NinjaAPI(
    title="Styr API",
    version="1",
    description=(
        "Planer, mål, indikatorer och uppdrag. Utan nyckel: det som är publicerat i den "
        "öppna portalen. Med en personlig API-nyckel (Authorization: Bearer styr_…): det "
        "som nyckelns användare får se i nyckelns organ, och med skrivrätt uppföljningen."
    ),
    urls_namespace="api",
    auth=TokenOrAnonymous(),
    throttle=[CallerThrottle()],
    docs_url="/docs",
    openapi_url="/openapi.json",
)
api.add_router("/", reading.router)
api.add_router("/", writing.router)
api.add_router("/", activities.router)


def _error(request: HttpRequest, message: str, status: int) -> HttpResponse:
    return api.create_response(request, {"detail": message}, status=status)


@api.exception_handler(Http404)
def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return _error(request, str(exc) or _("Finns inte."), 404)


@api.exception_handler(PermissionDenied)
def refused(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return _error(request, str(exc) or _("Du har inte behörighet."), 403)


@api.exception_handler(AuthenticationError)
def unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return _error(request, _("API-nyckeln saknas, är okänd, återkallad eller har gått ut."), 401)


@api.exception_handler(Throttled)
def throttled(request: HttpRequest, exc: Throttled) -> HttpResponse:
    return _error(request, _("För många anrop; vänta en stund och försök igen."), 429)


@api.exception_handler(ValidationError)
def invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    problems = "; ".join(
        f"{'.'.join(str(p) for p in e.get('loc', []))}: {e.get('msg', '')}" for e in exc.errors
    )
    return _error(request, problems, 422)


@api.exception_handler(writing.PreconditionRequired)
def precondition_required(request: HttpRequest, exc: Exception) -> HttpResponse:
    return _error(
        request, _("If-Match saknas: hämta posten och skicka dess ETag med ändringen."), 428
    )


@api.exception_handler(writing.PreconditionFailed)
@api.exception_handler(StaleRecord)
@api.exception_handler(StaleValue)
def stale(request: HttpRequest, exc: Exception) -> HttpResponse:
    return _error(
        request,
        _(
            "Någon annan har ändrat posten sedan du hämtade den (If-Match stämmer inte). "
            "Hämta den igen och gör om ändringen."
        ),  # fmt: skip
        412,
    )


@api.exception_handler(PlanLocked)
def locked(request: HttpRequest, exc: PlanLocked) -> HttpResponse:
    return _error(request, str(exc), 409)


@api.exception_handler(AnalysisRequired)
@api.exception_handler(ValueError)
def bad_value(request: HttpRequest, exc: Exception) -> HttpResponse:
    return _error(request, str(exc), 400)
