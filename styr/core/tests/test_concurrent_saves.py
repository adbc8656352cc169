"""Real concurrent saves on PostgreSQL: for each kind of editable thing, 20 transactions in 20
threads begin from the same version and save at once. Exactly one is saved, the other 19 are
told they are stale (409 on the web), none fails otherwise (a race on an empty cell included),
and what is stored is the one saved value: no lost update.

The threads need committed data and write for real, so they run in a database of their own,
restored from a backup of the test database (`styr restore`), never in the shared one."""

import json
import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from styr.plans.models import Plan

pytestmark = pytest.mark.django_db

THREADS = 20
KINDS = ["assignment", "follow_up", "goal_assessment", "control_result", "activity_report",
         "indicator_value", "metric_value", "budget_cell", "plan_text",
         "api_goal_assessment"]  # fmt: skip


def _server() -> str | None:
    database = settings.DATABASES["default"]
    if database["ENGINE"] != "django.db.backends.postgresql":
        return None
    user, host, port = database.get("USER") or "postgres", database["HOST"], database["PORT"]
    return f"postgresql://{user}@{host}:{port or 5432}"


def _styr(args: list[str], url: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", *args], env={**os.environ, "DATABASE_URL": url},
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


def test_concurrent_saves_lose_nothing(adopted_plan: Plan, tmp_path: Path) -> None:
    server = _server()
    if server is None:
        pytest.skip("concurrent transactions are tested on PostgreSQL (the CI's second run)")
    import psycopg

    archive = tmp_path / "styr.zip"
    call_command("backup", "-o", str(archive), stdout=StringIO())
    name = f"styr_concurrency_{os.getpid()}"
    with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')
    url = f"{server}/{name}"
    try:
        _styr(["styr", "migrate", "--noinput", "-v0"], url)
        _styr(["styr", "restore", str(archive)], url)
        for kind in KINDS:
            # The last line: the API's kind logs its refused requests before it.
            output = _styr(["styr.testing.concurrency", kind, str(THREADS)], url)
            result = json.loads(output.strip().splitlines()[-1])
            assert result["errors"] == [], (kind, result["errors"])
            assert (result["saved"], result["stale"]) == (1, THREADS - 1), (kind, result)
            assert result["stored"] == result["winners"][0], (kind, result)
    finally:
        with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
