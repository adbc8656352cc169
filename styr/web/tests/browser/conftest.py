"""Browser tests: a real Styr server with the demo, driven by Playwright in Debian's Chromium.

The server runs in its own process on its own SQLite file, as `make run` would, so the tests
exercise the whole stack and leave the rest of the suite's database alone.
"""

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _styr(args: list[str], env: dict[str, str]) -> None:
    subprocess.run([sys.executable, "-m", "styr", *args], env=env, check=True,
                   capture_output=True)  # fmt: skip


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    yield from run_server(tmp_path_factory.mktemp("browser-server"))


def run_server(folder: Path, extra: dict[str, str] | None = None) -> Iterator[str]:
    """Serve the demo from `folder`, with `extra` settings in the environment."""
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{folder / 'styr.sqlite3'}",
        "DEBUG": "false",
        "PLAIN_HTTP": "true",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        # As `make run`: the server's own thread runs background jobs.
        "TASK_RUNNER": "thread",
        **(extra or {}),
    }
    _styr(["migrate", "--noinput", "-v0"], env)
    _styr(["demo"], env)
    port = _free_port()
    command = ["runserver", "--noreload", "--insecure", f"127.0.0.1:{port}"]
    process = subprocess.Popen(
        [sys.executable, "-m", "styr", *command],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            break
        except OSError:
            time.sleep(0.2)
    else:
        process.kill()
        pytest.fail("the Styr server did not start within 30 s")
    yield f"http://127.0.0.1:{port}"
    process.terminate()
    process.wait(timeout=10)


def log_in(page: Page, server: str, username: str) -> None:
    page.goto(f"{server}/login/")
    page.get_by_label("Användarnamn").fill(username)
    page.get_by_label("Lösenord").fill("demo")
    page.get_by_role("button", name="Logga in").click()
    page.wait_for_url(f"{server}/")
