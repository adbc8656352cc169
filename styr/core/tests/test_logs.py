"""Each log line is one JSON object naming its request; an error carries its traceback."""

import io
import json
import logging
import sys

import pytest
from django.test import Client

from styr.core.logs import JsonFormatter, RequestIdFilter


@pytest.mark.django_db
def test_a_request_logs_with_its_id(client: Client) -> None:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(RequestIdFilter())
    handler.setFormatter(JsonFormatter())
    logger = logging.getLogger("django.request")
    logger.addHandler(handler)
    try:
        response = client.get("/finns-inte/", headers={"X-Request-ID": "lb-42"})
    finally:
        logger.removeHandler(handler)
    assert response.status_code == 404 and response["X-Request-ID"] == "lb-42"
    (line,) = [json.loads(text) for text in stream.getvalue().splitlines()]
    assert line["request_id"] == "lb-42" and line["status"] == 404
    assert line["path"] == "/finns-inte/" and line["level"] == "WARNING"


def test_an_error_carries_its_traceback() -> None:
    try:
        raise ValueError("budgetraden saknas")
    except ValueError:
        record = logging.LogRecord(
            "styr", logging.ERROR, __file__, 1, "Importen föll", None, sys.exc_info()
        )
    RequestIdFilter().filter(record)
    entry = json.loads(JsonFormatter().format(record))
    assert entry["message"] == "Importen föll" and entry["request_id"] == ""
    assert "ValueError: budgetraden saknas" in str(entry["traceback"])
