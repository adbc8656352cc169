"""Styr as a municipality runs it: gunicorn and WhiteNoise started by the test with the
documented production environment, `check --deploy` without a warning, a server that refuses a
missing SECRET_KEY, and the security headers, request ids and health page a real server gives."""

import json
import os
import re
import secrets
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

STYR = Path(sys.executable).with_name("styr")
GUNICORN = Path(sys.executable).with_name("gunicorn")


def production_env(home: Path) -> dict[str, str]:
    """The environment docs/production.md documents, for gunicorn behind a TLS proxy (gunicorn
    takes X-Forwarded-Proto from the proxy's address only)."""
    env = {k: v for k, v in os.environ.items() if k != "PLAIN_HTTP" and k != "DEBUG"}
    env.update({
        "STYR_HOME": str(home), "DATABASE_URL": f"sqlite:///{home / 'styr.sqlite3'}",
        "SECRET_KEY": secrets.token_urlsafe(64), "ALLOWED_HOSTS": "styr.example.se,127.0.0.1",
        "SECURE_HSTS_PRELOAD": "true",
        "DJANGO_SETTINGS_MODULE": "styr.settings", "STATIC_COLLECTED": "true",
    })  # fmt: skip
    return env


def test_check_deploy_finds_nothing_to_warn_about(tmp_path: Path) -> None:
    result = subprocess.run(
        [str(STYR), "check", "--deploy", "--fail-level", "WARNING"],
        env=production_env(tmp_path), capture_output=True, text=True,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_it_refuses_to_start_without_its_own_secret_key(tmp_path: Path) -> None:
    env = production_env(tmp_path)
    del env["SECRET_KEY"]
    result = subprocess.run([str(STYR), "check"], env=env, capture_output=True, text=True)
    assert result.returncode != 0
    assert "Styr needs its own SECRET_KEY" in result.stderr
    assert str(tmp_path / "var" / "secret-key") in result.stderr


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


API_LIMIT = 6


@pytest.fixture(scope="module")
def gunicorn(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    home = tmp_path_factory.mktemp("production")
    env = production_env(home)
    env["API_RATE_ANONYMOUS"] = f"{API_LIMIT}/h"  # low, to count across the two workers
    subprocess.run([str(STYR), "migrate", "--noinput", "-v0"], env=env, check=True)
    subprocess.run([str(STYR), "collectstatic", "--noinput", "-v0"], env=env, check=True)
    port = _free_port()
    process = subprocess.Popen(
        [str(GUNICORN), "styr.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "2",
         "--forwarded-allow-ips", "127.0.0.1"],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    deadline = time.monotonic() + 60
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                pytest.fail("gunicorn did not start: " + (process.communicate()[0] or ""))
            time.sleep(0.2)
    yield f"http://127.0.0.1:{port}"
    process.terminate()
    process.wait(timeout=20)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


def _get(url: str, headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
    opener = urllib.request.build_opener(_NoRedirect)
    request = urllib.request.Request(url, headers={"Host": "styr.example.se", **(headers or {})})
    try:
        with opener.open(request, timeout=30) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


HTTPS = {"X-Forwarded-Proto": "https"}


def test_plain_http_is_sent_to_https_but_the_health_page_answers(gunicorn: str) -> None:
    status, headers, _ = _get(f"{gunicorn}/login/")
    assert status == 301 and headers["Location"] == "https://styr.example.se/login/"
    status, headers, body = _get(f"{gunicorn}/health/")
    assert status == 200
    assert json.loads(body) == {"status": "ok", "database": "ok", "worker": "in-process"}
    assert "no-cache" in headers["Cache-Control"]
    # A load balancer asks by the server's address, which is no name in ALLOWED_HOSTS.
    status, _, body = _get(f"{gunicorn}/health/", {"Host": "10.0.0.5"})
    assert status == 200 and json.loads(body)["database"] == "ok"
    status, _, _ = _get(f"{gunicorn}/login/", {"Host": "10.0.0.5", **HTTPS})
    assert status == 400


def test_pages_carry_the_security_headers_and_a_request_id(gunicorn: str) -> None:
    status, headers, body = _get(f"{gunicorn}/login/", HTTPS)
    assert status == 200 and "Logga in" in body.decode()
    assert headers["Strict-Transport-Security"] == ("max-age=31536000; includeSubDomains; preload")
    policy = headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "frame-ancestors 'none'" in policy
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"
    assert len(headers["X-Request-ID"]) == 32
    cookie = headers["Set-Cookie"]
    assert cookie.startswith("csrftoken=") and "Secure" in cookie and "HttpOnly" in cookie
    _, headers, _ = _get(f"{gunicorn}/login/", {**HTTPS, "X-Request-ID": "proxy-7f3a"})
    assert headers["X-Request-ID"] == "proxy-7f3a"


def test_whitenoise_serves_compressed_cacheable_static_files(gunicorn: str) -> None:
    _, _, page = _get(f"{gunicorn}/login/", HTTPS)
    css = re.search(r'href="(/static/styr/styr\.[0-9a-f]{12}\.css)"', page.decode())
    assert css is not None  # the page names the file by its content
    status, headers, _ = _get(gunicorn + css.group(1), {**HTTPS, "Accept-Encoding": "gzip"})
    assert status == 200 and headers["Content-Encoding"] == "gzip"
    assert "immutable" in headers["Cache-Control"]


def test_the_api_rate_limit_is_shared_by_the_workers(gunicorn: str) -> None:
    """Each request on a connection of its own, so the two workers both answer: they count
    together (settings.CACHES["limits"] is in the database), not each on its own."""
    answers = [
        _get(f"{gunicorn}/api/plans", {**HTTPS, "Connection": "close"})[0]
        for _ in range(API_LIMIT * 2 + 2)
    ]
    assert answers.count(200) == API_LIMIT, answers
    assert set(answers[API_LIMIT:]) == {429}
