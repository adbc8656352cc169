"""schemathesis against /api/openapi.json: generated requests to every operation, without a
token and with an editor's that may report, find no server error and no response outside the
schema (status codes, bodies, content types and headers as documented).

The operations are driven from one test per caller rather than schemathesis's pytest plugin,
whose lazy fixtures reach into pytest's private node attributes."""

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.contrib.auth.models import User
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis.core.failures import FailureGroup

from styr.api.tests.conftest import token_of
from styr.wsgi import application

# Generated requests come faster than any caller's allowance: without these, most would be
# answered 429 and the schema's other answers go untested. The limits have a test of their own.
pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("settings"),
]


@pytest.fixture(autouse=True)
def _no_rate_limit(settings: Any) -> None:
    settings.API_RATE_ANONYMOUS = settings.API_RATE_TOKEN = "1000000/m"


EXAMPLES = 30


def _drive(strategy: Any, headers: dict[str, str]) -> None:
    """Call one operation with generated requests; raises what schemathesis finds."""

    @settings(max_examples=EXAMPLES, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))  # fmt: skip
    @given(data=st.data())
    def run(data: Any) -> None:
        case = data.draw(strategy)
        case.call_and_validate(headers=headers)

    run()


@pytest.fixture(autouse=True)
def _connection_kept() -> Iterator[None]:
    """Requests go straight to the WSGI application, not through Django's test client, so
    the connection must be kept open across them as the client keeps it: closing it at the end
    of a request would end the test's transaction (PostgreSQL)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def _failures(headers: dict[str, str]) -> list[str]:
    schema = schemathesis.openapi.from_wsgi("/api/openapi.json", application)
    failures: list[str] = []
    operations = [result.ok() for result in schema.get_all_operations()]  # type: ignore[union-attr]
    assert len(operations) >= 8  # every operation of the schema is driven, none skipped
    for operation in operations:
        try:
            _drive(operation.as_strategy(), headers)
        except (AssertionError, FailureGroup) as exc:  # each operation runs; all are told
            failures.append(f"{operation.label}: {exc}")
    return failures


def test_it_answers_as_documented_without_a_token() -> None:
    assert _failures({}) == []


def test_it_answers_as_documented_with_a_token(editor: User) -> None:
    token = token_of(editor, "KS")
    assert _failures({"Authorization": f"Bearer {token}"}) == []
