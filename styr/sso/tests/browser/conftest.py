"""A Styr server with single sign-on on, in its own process and SQLite file, signing in at the
tests' OpenID provider; driven in Debian's Chromium as the other browser tests are."""

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator

import pytest

from styr.sso.tests.conftest import Provider, sso_environment
from styr.web.tests.browser.conftest import _styr


@pytest.fixture(scope="session")
def sso_server(
    tmp_path_factory: pytest.TempPathFactory, provider: Provider, styr_port: int
) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("sso-server")
    env = {
        **os.environ,
        **sso_environment(provider),
        "DATABASE_URL": f"sqlite:///{folder / 'styr.sqlite3'}",
        "DEBUG": "false",
        "PLAIN_HTTP": "true",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
    }
    _styr(["migrate", "--noinput", "-v0"], env)
    _styr(["demo"], env)
    command = ["runserver", "--noreload", "--insecure", f"127.0.0.1:{styr_port}"]
    process = subprocess.Popen(
        [sys.executable, "-m", "styr", *command],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", styr_port), timeout=0.5).close()
            break
        except OSError:
            time.sleep(0.1)
    else:
        process.kill()
        pytest.fail("the Styr server did not start within 30 s")
    yield f"http://127.0.0.1:{styr_port}"
    process.terminate()
    process.wait(timeout=10)
