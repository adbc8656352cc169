"""Single sign-on is configured from the environment: on only with a client id, refused at
start when a needed endpoint is missing, and the provider let into the CSP's form-action (a
sign-out form redirects there, which Chromium counts as the form's action)."""

import json
import os
import subprocess
import sys

PRINT = (
    "from django.conf import settings; import json; print(json.dumps({"
    "'on': settings.SSO_ENABLED, 'backends': settings.AUTHENTICATION_BACKENDS, "
    "'form_action': settings.CONTENT_SECURITY_POLICY['DIRECTIVES']['form-action']}))"
)
ENTRA = "https://login.microsoftonline.com/tenant-id"


def _settings(**environment: str) -> subprocess.CompletedProcess[str]:
    env = {name: value for name, value in os.environ.items() if not name.startswith("OIDC_")}
    return subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {PRINT}"],
        env={**env, "DJANGO_SETTINGS_MODULE": "styr.settings", **environment},
        capture_output=True, text=True, check=False,
    )  # fmt: skip


def test_it_is_off_without_a_client_id() -> None:
    found = json.loads(_settings().stdout)
    assert found == {"on": False, "backends": ["django.contrib.auth.backends.ModelBackend"],
                     "form_action": ["'self'"]}  # fmt: skip


def test_it_lets_the_provider_into_form_action_when_on() -> None:
    found = json.loads(_settings(
        OIDC_RP_CLIENT_ID="styr", OIDC_RP_CLIENT_SECRET="secret",
        OIDC_OP_ISSUER=f"{ENTRA}/v2.0",
        OIDC_OP_AUTHORIZATION_ENDPOINT=f"{ENTRA}/oauth2/v2.0/authorize",
        OIDC_OP_TOKEN_ENDPOINT=f"{ENTRA}/oauth2/v2.0/token",
        OIDC_OP_JWKS_ENDPOINT=f"{ENTRA}/discovery/v2.0/keys",
        OIDC_OP_LOGOUT_ENDPOINT=f"{ENTRA}/oauth2/v2.0/logout",
    ).stdout)  # fmt: skip
    assert found["on"] is True
    assert found["backends"] == ["django.contrib.auth.backends.ModelBackend",
                                 "styr.sso.backend.SsoBackend"]  # fmt: skip
    assert found["form_action"] == ["'self'", "https://login.microsoftonline.com"]


def test_it_refuses_to_start_half_configured() -> None:
    result = _settings(OIDC_RP_CLIENT_ID="styr", OIDC_RP_CLIENT_SECRET="secret")
    assert result.returncode != 0
    assert "OIDC_OP_ISSUER, OIDC_OP_AUTHORIZATION_ENDPOINT" in result.stderr
