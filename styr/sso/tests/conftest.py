"""A real OpenID Connect provider for the single sign-on tests: panva's oidc-provider under
node, installed from provider/package-lock.json with `npm ci` and started once per test run on
a free port. Nothing of the protocol is mocked: Styr's backend fetches tokens and keys from it
over HTTP, and the tests sign in at its own sign-in page as a person would."""

import json
import os
import shutil
import subprocess
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import pytest
import requests
from django.test import Client

from styr.web.tests.browser.conftest import _free_port

PROVIDER_DIR = Path(__file__).parent / "provider"
CLIENT_ID = "styr-tests"
CLIENT_SECRET = "styr-tests-secret-" + uuid.uuid4().hex
PASSWORD = "rätt-lösenord"


def _install_provider() -> None:
    """`npm ci` once, and again whenever the lock file is newer than the installation."""
    installed = PROVIDER_DIR / "node_modules" / ".package-lock.json"
    lock = PROVIDER_DIR / "package-lock.json"
    if installed.exists() and installed.stat().st_mtime >= lock.stat().st_mtime:
        return
    npm = shutil.which("npm")
    if npm is None:
        pytest.fail("the single sign-on tests need node and npm: `make tools` installs them")
    subprocess.run([npm, "ci", "--no-audit", "--no-fund", "--loglevel=error"],
                   cwd=PROVIDER_DIR, check=True, capture_output=True)  # fmt: skip


@dataclass
class Provider:
    """The running provider: its discovery document, and its accounts (a JSON file it reads
    afresh at each sign-in)."""

    issuer: str
    discovery: dict[str, Any]
    accounts_file: Path
    accounts: dict[str, Any] = field(default_factory=dict)

    def add_account(self, name: str, groups: list[str], **claims: Any) -> str:
        """A person at the provider; returns their login (also their subject). The name is
        made unique so that tests sharing the provider never meet."""
        login = f"{name}-{uuid.uuid4().hex[:8]}"
        self.accounts[login] = {
            "password": PASSWORD,
            "claims": {
                "preferred_username": f"{login}@marks.se",
                "email": f"{login}@marks.se",
                "given_name": name.capitalize(),
                "family_name": "Testsson",
                "groups": groups,
                **claims,
            },
        }
        self._write()
        return login

    def set_groups(self, login: str, groups: list[str]) -> None:
        self.accounts[login]["claims"]["groups"] = groups
        self._write()

    def _write(self) -> None:
        self.accounts_file.write_text(json.dumps(self.accounts), encoding="utf-8")


@pytest.fixture(scope="session")
def styr_port() -> int:
    """The port of the browser tests' Styr server, chosen first: the provider must know the
    redirect URI it will send people back to."""
    return _free_port()


@pytest.fixture(scope="session")
def provider(tmp_path_factory: pytest.TempPathFactory, styr_port: int) -> Iterator[Provider]:
    _install_provider()
    folder = tmp_path_factory.mktemp("oidc-provider")
    accounts_file = folder / "accounts.json"
    accounts_file.write_text("{}", encoding="utf-8")
    port = _free_port()
    origins = ["http://testserver", f"http://127.0.0.1:{styr_port}"]
    clients = [{
        "client_id": CLIENT_ID,
        "client_secret": CLIENT_SECRET,
        "redirect_uris": [f"{origin}/oidc/callback/" for origin in origins],
        "post_logout_redirect_uris": [f"{origin}/login/" for origin in origins],
        "token_endpoint_auth_method": "client_secret_post",
        # The provider then puts its session id (sid) in the ID token, as Entra ID does.
        "backchannel_logout_uri": f"http://127.0.0.1:{port}/backchannel-sink",
        "backchannel_logout_session_required": True,
    }]  # fmt: skip
    env = {**os.environ, "PORT": str(port), "ACCOUNTS_FILE": str(accounts_file),
           "CLIENTS": json.dumps(clients)}  # fmt: skip
    log = (folder / "provider.log").open("wb")
    process = subprocess.Popen(["node", "provider.mjs"], cwd=PROVIDER_DIR, env=env,
                               stdout=log, stderr=subprocess.STDOUT)  # fmt: skip
    issuer = f"http://127.0.0.1:{port}"
    discovery: dict[str, Any] | None = None
    deadline = time.monotonic() + 30
    # Ready when it serves its discovery document.
    while discovery is None and time.monotonic() < deadline and process.poll() is None:
        try:
            discovery = requests.get(f"{issuer}/.well-known/openid-configuration", timeout=2).json()
        except requests.ConnectionError:
            time.sleep(0.1)
    if discovery is None:
        process.kill()
        log.close()
        pytest.fail(
            "the OpenID provider did not start: "
            + (folder / "provider.log").read_text(errors="replace")[-2000:]
        )
    yield Provider(issuer=issuer, discovery=discovery, accounts_file=accounts_file)
    process.terminate()
    process.wait(timeout=10)
    log.close()


def sso_environment(provider: Provider) -> dict[str, str]:
    """Styr's settings for this provider, as an administrator puts them in the environment."""
    found = provider.discovery
    return {
        "OIDC_RP_CLIENT_ID": CLIENT_ID,
        "OIDC_RP_CLIENT_SECRET": CLIENT_SECRET,
        "OIDC_PROVIDER_NAME": "Testleverantören",
        "OIDC_OP_ISSUER": found["issuer"],
        "OIDC_OP_AUTHORIZATION_ENDPOINT": found["authorization_endpoint"],
        "OIDC_OP_TOKEN_ENDPOINT": found["token_endpoint"],
        "OIDC_OP_JWKS_ENDPOINT": found["jwks_uri"],
        "OIDC_OP_USER_ENDPOINT": found["userinfo_endpoint"],
        "OIDC_OP_LOGOUT_ENDPOINT": found["end_session_endpoint"],
    }


@pytest.fixture
def sso(settings: Any, provider: Provider) -> Provider:
    """Single sign-on on for this test, as settings.py turns it on from the environment."""
    for name, value in sso_environment(provider).items():
        setattr(settings, name, value)
    settings.SSO_ENABLED = True
    settings.AUTHENTICATION_BACKENDS = [
        "django.contrib.auth.backends.ModelBackend",
        "styr.sso.backend.SsoBackend",
    ]
    return provider


class Visitor:
    """The person's browser as far as the provider sees it: its cookies there (the provider's
    session), and Django's test client for Styr's side."""

    def __init__(self, client: Client) -> None:
        self.client = client
        self.at_provider = requests.Session()

    def follow_at_provider(self, url: str, **form: str) -> requests.Response:
        """Follow the provider's redirects (posting the form first, if one is given) until
        they lead back to Styr, or to a page that asks the person something."""
        response = (
            self.at_provider.post(url, data=form, allow_redirects=False, timeout=10)
            if form
            else self.at_provider.get(url, allow_redirects=False, timeout=10)
        )
        while response.is_redirect:
            url = urljoin(response.url, response.headers["Location"])
            if urlsplit(url).netloc == "testserver":
                break
            response = self.at_provider.get(url, allow_redirects=False, timeout=10)
        return response

    def sign_in(self, login: str, password: str = PASSWORD) -> Any:
        """Click "Logga in med …", sign in at the provider if it asks, and come back to Styr:
        Styr's answer to the callback."""
        start = self.client.get("/oidc/authenticate/")
        assert start.status_code == 302, start
        response = self.follow_at_provider(start["Location"])
        if not response.is_redirect:
            assert 'name="password"' in response.text, response.text[:500]
            response = self.follow_at_provider(response.url, login=login, password=password)
        assert response.is_redirect, response.text[:500]
        back = urlsplit(response.headers["Location"])
        assert back.netloc == "testserver" and back.path == "/oidc/callback/", back
        return self.client.get(f"{back.path}?{back.query}")


@pytest.fixture
def visitor(client: Client) -> Visitor:
    return Visitor(client)
