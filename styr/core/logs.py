"""Logs on stdout, where the platform collects them: one JSON object per line in production
(text when DEBUG is on), each with the id of the request it belongs to and, for an error, its
whole traceback.

The request id is the caller's X-Request-ID when a proxy in front sets one (so its log and
ours can be joined), otherwise a new one; the answer carries it back in the same header.
"""

import json
import logging
import re
import uuid
from collections.abc import Callable
from contextvars import ContextVar
from datetime import UTC, datetime

from django.http import HttpRequest, HttpResponse

REQUEST_ID: ContextVar[str] = ContextVar("request_id", default="")
_GIVEN_ID = re.compile(r"[A-Za-z0-9._-]{1,64}")


class RequestIdMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        given = request.headers.get("X-Request-ID", "")
        request_id = given if _GIVEN_ID.fullmatch(given) else uuid.uuid4().hex
        request.request_id = request_id  # type: ignore[attr-defined]
        token = REQUEST_ID.set(request_id)
        try:
            response = self.get_response(request)
        finally:
            REQUEST_ID.reset(token)
        response["X-Request-ID"] = request_id
        return response


class RequestIdFilter(logging.Filter):
    """Gives every record the id of the request being served ("" outside a request). Django
    logs an error answer after the middleware has returned, with the request on the record."""

    def filter(self, record: logging.LogRecord) -> bool:
        request = getattr(record, "request", None)
        record.request_id = REQUEST_ID.get() or getattr(request, "request_id", "")
        return True


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, object] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", ""),
        }
        status = getattr(record, "status_code", None)
        if status is not None:
            entry["status"] = status
        request = getattr(record, "request", None)
        if isinstance(request, HttpRequest):
            entry["method"], entry["path"] = request.method, request.path
        if record.exc_info:
            entry["traceback"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


def logging_config(*, log_format: str, level: str) -> dict[str, object]:
    """The LOGGING setting: everything, Django's own loggers included, to stdout."""
    stdout = {
        "class": "logging.StreamHandler",
        "stream": "ext://sys.stdout",
        "filters": ["request_id"],
        "formatter": log_format,
    }
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"request_id": {"()": "styr.core.logs.RequestIdFilter"}},
        "formatters": {
            "json": {"()": "styr.core.logs.JsonFormatter"},
            "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
        },
        "handlers": {"stdout": stdout},
        # Other libraries say only what goes wrong; Styr and Django say what they do too.
        "root": {"handlers": ["stdout"], "level": "WARNING"},
        "loggers": {
            "styr": {"level": level},
            # Django's own handlers (the console under DEBUG, mail to ADMINS) give way to stdout.
            "django": {"handlers": [], "level": level, "propagate": True},
            "gunicorn": {"level": level},
            # Scanners asking by foreign host names: answered 400, not an error of Styr's.
            "django.security.DisallowedHost": {"level": "CRITICAL"},
        },
    }
