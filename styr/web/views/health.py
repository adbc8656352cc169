"""The health page a load balancer or monitor asks: is the database answering, and is a
worker running the background jobs? No sign-in, no details beyond what each part says, never
cached.

Only the database decides the status code (503 without it): a web server without a worker
still serves every page, and a load balancer must not take it out of service for that. A
missing worker makes the status "degraded" for a monitor to alert on.

It is answered by the first middleware, before the host name is checked: a probe asks by the
server's address or an internal name, not by the name in ALLOWED_HOSTS, and over plain HTTP.
"""

from collections.abc import Callable

from django.conf import settings
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
    if parts["database"] != "ok":
        return JsonResponse({"status": "unavailable", **parts}, status=503)
    parts["worker"] = worker_state()
    status = "ok" if parts["worker"] in ("ok", "in-process") else "degraded"
    return JsonResponse({"status": status, **parts})


def worker_state() -> str:
    """ "ok" when a worker has sent a heartbeat within WORKER_ALIVE_SECONDS, "missing" when
    none has; "in-process" when the web process runs the jobs itself (SQLite)."""
    from styr.tasks.queue import runner

    if runner() != "worker":
        return "in-process"
    try:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM procrastinate_workers "
                "WHERE last_heartbeat > now() - make_interval(secs => %s)",
                [settings.WORKER_ALIVE_SECONDS],
            )
            (alive,) = cursor.fetchone() or (0,)
    except DatabaseError:
        return "missing"
    return "ok" if alive else "missing"


class HealthMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path == "/health/" and request.method in ("GET", "HEAD"):
            return health(request)
        return self.get_response(request)
