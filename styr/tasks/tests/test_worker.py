"""`styr worker` on PostgreSQL, as a real process on a database of its own (the jobs need
committed data): it runs a render the web asked for, the health page sees it, and a worker
killed with SIGKILL in the middle of a Kolada fetch leaves nothing written; another worker
finds the job stalled and runs it again whole."""

import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db


def _server() -> str | None:
    database = settings.DATABASES["default"]
    if database["ENGINE"] != "django.db.backends.postgresql":
        return None
    user, host, port = database.get("USER") or "postgres", database["HOST"], database["PORT"]
    return f"postgresql://{user}@{host}:{port or 5432}"


@pytest.fixture(scope="module")
def database() -> Iterator[str]:
    """A database of these tests' own with the demo in it."""
    server = _server()
    if server is None:
        pytest.skip("the worker runs on PostgreSQL (the CI's second run)")
    import psycopg

    name = f"styr_worker_{os.getpid()}"
    with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')
    url = f"{server}/{name}"
    try:
        _styr(["migrate", "--noinput", "-v0"], url)
        _styr(["demo"], url)
        yield url
    finally:
        with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _env(url: str, **extra: str) -> dict[str, str]:
    return {**os.environ, "DATABASE_URL": url, "TASK_RUNNER": "worker", **extra}


def _styr(args: list[str], url: str, **extra: str) -> str:
    done = subprocess.run([sys.executable, "-m", "styr", *args], env=_env(url, **extra),
                          capture_output=True, text=True, check=False)  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


def _enqueue(url: str, kind: str, params: str) -> int:
    code = (
        "from styr.tasks.queue import enqueue\n"
        f"print(enqueue({kind!r}, {params}, title='test', acting_user=None).pk)"
    )
    return int(_styr(["shell", "-c", code], url).strip().splitlines()[-1])


def _worker(url: str, log: Path, **extra: str) -> subprocess.Popen[bytes]:
    # Heartbeats every half second; a worker silent for 2 s counts as gone.
    env = _env(url, WORKER_HEARTBEAT_SECONDS="0.5", WORKER_STALLED_SECONDS="2", **extra)
    with log.open("ab") as out:
        return subprocess.Popen([sys.executable, "-m", "styr", "worker"], env=env,
                                stdout=out, stderr=subprocess.STDOUT)  # fmt: skip


def _query(url: str, sql: str, *args: Any) -> Any:
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        return conn.execute(sql, args).fetchone()


def _wait_for(what: str, check: Any, log: Path, timeout: float = 120) -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = check()
        if found:
            return found
        time.sleep(0.1)
    pytest.fail(f"waited {timeout} s for {what}; worker log:\n{log.read_text()[-3000:]}")


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def test_it_renders_a_plan_in_the_worker(database: str, tmp_path: Path) -> None:
    log = tmp_path / "worker.log"
    job = _enqueue(
        database,
        "render",
        "{'plan': __import__('styr.plans.models', fromlist=['Plan']).Plan.objects.get("
        "body__code='KS', year=2024).pk, 'template': 'namndplan', 'occasion': 'plan', "
        "'format': 'pdf'}",
    )
    # Queued in PostgreSQL; the health page says no worker is there to run it.
    health = _styr(["shell", "-c", "from django.test import Client; "
                    "print(Client().get('/health/').content.decode())"], database)  # fmt: skip
    assert json.loads(health.splitlines()[-1])["worker"] == "missing"
    worker = _worker(database, log)
    try:
        state = _wait_for(
            "the render",
            lambda: _query(database, "SELECT state, attempts, substring(file_content for 4) "
                           "FROM tasks_job WHERE id = %s AND state = 'done'", job),
            log,
        )  # fmt: skip
        assert state == ("done", 1, b"%PDF")
        health = _styr(["shell", "-c", "from django.test import Client; "
                        "print(Client().get('/health/').content.decode())"], database)  # fmt: skip
        assert json.loads(health.splitlines()[-1]) == {
            "status": "ok",
            "database": "ok",
            "worker": "ok",
        }
    finally:
        _stop(worker)


class _Kolada(BaseHTTPRequestHandler):
    """Kolada's API for the demo's linked KPIs; the first data request waits until the test
    lets it go, so a worker can be killed while it fetches."""

    reached = threading.Event()
    release = threading.Event()

    def do_GET(self) -> None:
        parts = self.path.split("?")[0].strip("/").split("/")
        body: dict[str, Any]
        if parts[1] == "kpi":
            catalogue = [{"id": k, "title": f"Nyckeltal {k}", "description": "", "auspice": "X",
                     "municipality_type": "A", "is_divided_by_gender": 0,
                     "operating_area": "Test", "perspective": "", "publication_date": None,
                     "prel_publication_date": None, "ou_publication_date": None,
                     "has_ou_data": False} for k in parts[2].split(",")]  # fmt: skip
            body = {"values": catalogue}
        elif parts[1] == "municipality":
            body = {"values": [
                {"id": a, "title": f"Område {a}", "type": "L" if a.startswith("00") else "K"}
                for a in parts[2].split(",")
            ]}  # fmt: skip
        else:
            type(self).reached.set()
            type(self).release.wait(timeout=300)
            kpis, areas, years = parts[3].split(","), parts[5].split(","), parts[7].split(",")
            body = {"values": [
                {"kpi": k, "municipality": a, "period": int(y),
                 "values": [{"gender": "T", "count": 1, "status": "", "value": 50.5,
                             "isdeleted": False}]}
                for k in kpis for a in areas for y in years
            ]}  # fmt: skip
        data = json.dumps({**body, "count": len(body["values"]), "next_url": None}).encode()
        try:
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
        except OSError:  # the killed worker's connection
            pass

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def kolada() -> Iterator[str]:
    _Kolada.reached, _Kolada.release = threading.Event(), threading.Event()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Kolada)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/v3"
    _Kolada.release.set()
    server.shutdown()
    server.server_close()


def test_a_killed_worker_leaves_nothing_written_and_the_job_runs_again(
    database: str, kolada: str, tmp_path: Path
) -> None:
    log = tmp_path / "worker.log"
    before = _query(database, "SELECT count(*) FROM kolada_koladavalue")[0]
    job = _enqueue(database, "kolada_fetch", f"{{'api': {kolada!r}}}")
    first = _worker(database, log)
    try:
        _wait_for("the first worker to fetch", lambda: _Kolada.reached.is_set(), log)
        first.send_signal(signal.SIGKILL)
        first.wait()
    finally:
        _stop(first)
    assert _query(database, "SELECT state, attempts FROM tasks_job WHERE id = %s", job) == (
        "running",
        1,
    )
    assert _query(database, "SELECT count(*) FROM kolada_koladavalue")[0] == before

    _Kolada.release.set()
    second = _worker(database, log)
    try:
        state = _wait_for(
            "the second worker to run the job again",
            lambda: _query(database, "SELECT state, attempts, result FROM tasks_job "
                           "WHERE id = %s AND state IN ('done', 'failed')", job),
            log,
        )  # fmt: skip
    finally:
        _stop(second)
    assert state[:2] == ("done", 2), state
    written = _query(database, "SELECT count(*) FROM kolada_koladavalue")[0] - before
    assert written > 0 and written == state[2]["added"]
