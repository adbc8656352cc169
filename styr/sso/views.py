"""The single sign-on routes under /oidc/: to the provider, back from it, and the provider's
front-channel sign-out. Each answers 404 while single sign-on is off."""

from datetime import timedelta
from importlib import import_module
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import auth, messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import resolve_url
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from mozilla_django_oidc.views import (
    OIDCAuthenticationCallbackView,
    OIDCAuthenticationRequestView,
)

from styr.sso.backend import REFUSED
from styr.sso.models import SsoSession


def _require_sso() -> None:
    if not settings.SSO_ENABLED:
        raise Http404


class AuthenticateView(OIDCAuthenticationRequestView):
    """ "Logga in med …": to the provider's sign-in, with state, nonce and PKCE."""

    def get(self, request: HttpRequest) -> HttpResponse:
        _require_sso()
        response: HttpResponse = super().get(request)
        return response


class CallbackView(OIDCAuthenticationCallbackView):
    """Back from the provider: the code exchanged for tokens, the person signed in."""

    def get(self, request: HttpRequest) -> HttpResponse:
        _require_sso()
        response: HttpResponse = super().get(request)
        return response

    def login_success(self) -> HttpResponse:
        response: HttpResponse = super().login_success()
        _remember_provider_session(self.request)
        return response

    def login_failure(self) -> HttpResponse:
        provider = settings.OIDC_PROVIDER_NAME
        if getattr(self.request, REFUSED, False):
            text = _(
                "%(provider)s kände igen dig, men Styr kan inte ge dig ett konto. Kontakta "
                "Styrs administratör."
            )
        else:
            text = _("Inloggningen med %(provider)s gick inte igenom. Försök igen.")
        messages.error(self.request, text % {"provider": provider})
        return HttpResponseRedirect(resolve_url(settings.LOGIN_URL))


def _claims_of(id_token: str) -> dict[str, Any]:
    """The claims of an ID token that the backend has just verified (from the session)."""
    import jwt

    claims: dict[str, Any] = jwt.decode(id_token, options={"verify_signature": False})
    return claims


def _remember_provider_session(request: HttpRequest) -> None:
    id_token = request.session.get("oidc_id_token")
    sid = _claims_of(id_token).get("sid") if id_token else None
    if not isinstance(sid, str) or not sid:
        return
    if request.session.session_key is None:
        request.session.save()
    key = request.session.session_key
    assert key is not None
    # Sessions older than a sign-in lasts are over anyway; their rows go as new ones come.
    stale = timezone.now() - timedelta(seconds=settings.SESSION_COOKIE_AGE)
    SsoSession.objects.filter(created_at__lt=stale).delete()
    SsoSession.objects.update_or_create(session_key=key, defaults={"sid": sid[:300]})


def provider_logout_url(request: HttpRequest) -> str | None:
    """Where to send a person who signs out of Styr so that the provider's session ends too
    (RP-initiated logout), or None for a local sign-in. Read before the session is flushed."""
    if not settings.SSO_ENABLED or not settings.OIDC_OP_LOGOUT_ENDPOINT:
        return None
    id_token = request.session.get("oidc_id_token")
    if not id_token:
        return None
    back = request.build_absolute_uri(resolve_url(settings.LOGOUT_REDIRECT_URL))
    query = urlencode(
        {"id_token_hint": id_token, "post_logout_redirect_uri": back,
         "client_id": settings.OIDC_RP_CLIENT_ID}
    )  # fmt: skip
    return f"{settings.OIDC_OP_LOGOUT_ENDPOINT}?{query}"


@never_cache
def front_channel_logout(request: HttpRequest) -> HttpResponse:
    """The provider's front-channel sign-out (Entra ID's "Front-channel logout URL"): when the
    person signs out at the provider or in another application, the provider loads this page
    in a hidden frame with its session id, and the Styr sessions it opened end. The frame
    usually carries no Styr cookie (SameSite), so the session is found by the sid."""
    _require_sso()
    issuer = request.GET.get("iss")
    sid = request.GET.get("sid", "")
    if issuer is not None and issuer != settings.OIDC_OP_ISSUER:
        return HttpResponse(status=400)
    store = import_module(settings.SESSION_ENGINE).SessionStore
    for row in SsoSession.objects.filter(sid=sid) if sid else []:
        store(session_key=row.session_key).delete()
        row.delete()
    if not sid and request.session.get("oidc_id_token"):
        # A provider that names no session: the session whose cookie came along, if the
        # browser sent it (same site, or a browser that sends cookies to frames).
        auth.logout(request)
    return HttpResponse(status=200)
