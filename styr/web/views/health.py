"""The health page a load balancer or monitor asks: is the database answering? No sign-in,
no details beyond what each part says, never cached."""

from django.db import connection
from django.db.utils import Error as DatabaseError
from django.http import HttpRequest, JsonResponse
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
