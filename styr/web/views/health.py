"""The health page a load balancer or monitor asks: is the database answering? No sign-in,
no details beyond what each part says, never cached.

It is answered by the first middleware, before the host name is checked: a probe asks by the
server's address or an internal name, not by the name in ALLOWED_HOSTS, and over plain HTTP.
"""

from collections.abc import Callable

from django.db import connection
from django.db.utils import Error as DatabaseError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache


@never_cache
def health(request: HttpRequest) -> JsonResponse:
    parts: dict[str, str] = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        parts["database"] = "ok"
    except DatabaseError:
        parts["database"] = "unavailable"
    healthy = all(state == "ok" for state in parts.values())
    return JsonResponse(
        {"status": "ok" if healthy else "unavailable", **parts}, status=200 if healthy else 503
    )


class HealthMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path == "/health/" and request.method in ("GET", "HEAD"):
            return health(request)
        return self.get_response(request)
