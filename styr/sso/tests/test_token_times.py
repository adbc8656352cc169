"""An ID token whose times are off is a refused sign-in, never a server error: a token issued a
few seconds "in the future" (the provider's clock ahead of ours) is taken, an expired one is
refused."""

import time

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa
from django.core.exceptions import SuspiciousOperation

from styr.sso.backend import SsoBackend

KEY = rsa.generate_private_key(public_exponent=65537, key_size=2048)


def _token(**times: float) -> str:
    claims = {"sub": "x", "iss": "https://idp.example", "aud": "styr", **times}
    return jwt.encode(claims, KEY, algorithm="RS256")


def _backend() -> SsoBackend:
    backend = SsoBackend.__new__(SsoBackend)
    backend.OIDC_RP_SIGN_ALGO = "RS256"
    return backend


def test_it_takes_a_token_from_a_clock_a_little_ahead() -> None:
    now = time.time()
    token = _token(iat=now + 5, nbf=now + 5, exp=now + 300)
    assert _backend()._verify_jws(token, KEY.public_key())["sub"] == "x"


def test_it_refuses_an_expired_token_as_a_failed_sign_in() -> None:
    now = time.time()
    with pytest.raises(SuspiciousOperation, match="refused"):
        _backend()._verify_jws(_token(iat=now - 900, exp=now - 600), KEY.public_key())


def test_it_refuses_a_token_it_cannot_read() -> None:
    with pytest.raises(SuspiciousOperation, match="cannot be read"):
        _backend()._verify_jws("not.a.token", KEY.public_key())
