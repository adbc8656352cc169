"""Procrastinate's queue lives in PostgreSQL; on SQLite it is neither loaded nor chosen, so a
command there starts without it."""

import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings
from django.db import connection


def _start(database_url: str, task_runner: str = "") -> subprocess.CompletedProcess[str]:
    code = (
        "import sys, django; django.setup(); "
        "print(sorted(m for m in ('procrastinate', 'psycopg') if m in sys.modules))"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "styr.settings"}
    env.update(DATABASE_URL=database_url, TASK_RUNNER=task_runner)
    return subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=False
    )


def test_it_starts_on_sqlite_without_procrastinate_or_psycopg(tmp_path: Path) -> None:
    started = _start(f"sqlite:///{tmp_path / 'styr.sqlite3'}")
    assert started.returncode == 0, started.stderr
    assert started.stdout.strip() == "[]"


def test_it_refuses_the_worker_runner_on_sqlite(tmp_path: Path) -> None:
    started = _start(f"sqlite:///{tmp_path / 'styr.sqlite3'}", task_runner="worker")
    assert started.returncode != 0
    assert "TASK_RUNNER=worker needs PostgreSQL" in started.stderr


def test_it_installs_the_queue_where_the_database_is_postgresql() -> None:
    installed = "procrastinate.contrib.django" in settings.INSTALLED_APPS
    assert installed == (connection.vendor == "postgresql")
