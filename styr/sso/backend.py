"""The authentication backend for signing in through the identity provider. Local accounts go
on signing in with Django's ModelBackend beside it (settings.AUTHENTICATION_BACKENDS)."""

import logging
from typing import Any

import jwt
import requests
from django.conf import settings
from django.contrib.auth.models import User
from django.core.exceptions import SuspiciousOperation
from django.http import HttpRequest
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from styr.sso.actions import SignInRefused, do_sign_in

log = logging.getLogger(__name__)

# Set on the request when the provider vouched for a person whom Styr then refused, so that the
# sign-in page can say so instead of "try again".
REFUSED = "styr_sso_refused"


class SsoBackend(OIDCAuthenticationBackend):
    """mozilla-django-oidc's code flow, with Styr's accounts: found by the provider's stable
    subject, created at the first sign-in, roles from the group mappings (styr.sso.actions)."""

    def authenticate(self, request: HttpRequest | None, **kwargs: Any) -> User | None:
        # Only the callback view asks with a nonce. A password sign-in (which may carry a
        # ?code= of its own in the address) must never be sent on to the provider.
        if request is None or "nonce" not in kwargs or not settings.SSO_ENABLED:
            return None
        try:
            user = super().authenticate(request, **kwargs)
        except (SuspiciousOperation, jwt.InvalidTokenError, requests.RequestException) as failure:
            # A token that fails its checks, or a provider that cannot be reached or refuses
            # the code: the person is told on the login page, the administrator in the log.
            log.warning("single sign-on failed: %s", failure)
            return None
        return user if isinstance(user, User) else None

    def _verify_jws(self, payload: Any, key: Any) -> dict[str, Any]:
        """The library's check of the signature and algorithm, with a minute's leeway on the
        token's times (a server clock a second behind the provider's would otherwise refuse a
        token "issued in the future"), and any invalid token (expired, not yet valid, garbled)
        a refused sign-in rather than an error."""
        try:
            alg = jwt.get_unverified_header(payload).get("alg")
        except jwt.InvalidTokenError:
            raise SuspiciousOperation("the ID token cannot be read") from None
        if alg != self.OIDC_RP_SIGN_ALGO:
            raise SuspiciousOperation(f"the provider signed with {alg!r}, not OIDC_RP_SIGN_ALGO")
        try:
            decoded: dict[str, Any] = jwt.decode(
                payload, key, algorithms=[alg], options={"verify_aud": False}, leeway=60
            )
        except jwt.InvalidTokenError as error:
            raise SuspiciousOperation(f"the ID token was refused: {error}") from None
        return decoded

    def verify_token(self, token: str, **kwargs: Any) -> dict[str, Any]:
        payload: dict[str, Any] = super().verify_token(token, **kwargs)
        # The library checks the signature, the expiry and the nonce. An ID token issued for
        # another application in the same tenant, or by another issuer, is no sign-in to Styr.
        audience = payload.get("aud")
        audiences = [audience] if isinstance(audience, str) else list(audience or [])
        if settings.OIDC_RP_CLIENT_ID not in audiences:
            raise SuspiciousOperation("the ID token was issued for another application")
        if payload.get("iss") != settings.OIDC_OP_ISSUER:
            raise SuspiciousOperation(f"the ID token's issuer is not {settings.OIDC_OP_ISSUER}")
        return payload

    def get_userinfo(
        self, access_token: str, id_token: str, payload: dict[str, Any]
    ) -> dict[str, Any]:
        """The ID token's claims, completed from the userinfo endpoint when one is set.

        Entra ID sends the groups in the ID token only; its userinfo endpoint has no groups, so
        what the ID token says comes first."""
        claims = dict(payload)
        if settings.OIDC_OP_USER_ENDPOINT:
            info: dict[str, Any] = super().get_userinfo(access_token, id_token, payload)
            if info.get("sub", payload.get("sub")) != payload.get("sub"):
                raise SuspiciousOperation("userinfo describes another subject than the ID token")
            for name, value in info.items():
                claims.setdefault(name, value)
        return claims

    def get_or_create_user(
        self, access_token: str, id_token: str, payload: dict[str, Any]
    ) -> User | None:
        claims = self.get_userinfo(access_token, id_token, payload)
        try:
            return do_sign_in(claims, issuer=str(payload.get("iss", "")))
        except SignInRefused as refused:
            log.warning("single sign-on refused for subject %s: %s", claims.get("sub"), refused)
            setattr(self.request, REFUSED, True)
            return None
