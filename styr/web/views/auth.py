"""Signing in with a local account, throttled by account and address (styr.web.throttle); the
Django admin's login goes through the same throttle. With single sign-on on (styr.sso) the
login page offers the provider's sign-in too, and signing out ends the provider's session."""

from typing import Any

from django import forms
from django.conf import settings
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from styr.sso.views import provider_logout_url
from styr.web import throttle


def _address(request: HttpRequest | None) -> str:
    return request.META.get("REMOTE_ADDR", "") if request is not None else ""


class _Throttled:
    """Refuses an attempt while its account or address must wait; counts each failure."""

    request: HttpRequest | None
    data: Any

    def clean(self) -> dict[str, Any]:
        username = str(self.data.get("username", ""))
        address = _address(self.request)
        waiting = throttle.wait(username, address)
        if waiting is not None:
            # Not counted: an attempt while waiting neither extends nor proves anything.
            raise forms.ValidationError(
                # Translators: %(wait)s is a duration, e.g. "30 sekunder".
                _("För många misslyckade inloggningar. Försök igen om %(wait)s."),
                code="throttled",
                params={"wait": waiting.text()},
            )
        try:
            cleaned: dict[str, Any] = super().clean()  # type: ignore[misc]
        except forms.ValidationError:
            throttle.record_failure(username, address)
            raise
        throttle.clear(username)
        return cleaned


class ThrottledAuthenticationForm(_Throttled, AuthenticationForm):
    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": gettext_lazy("Fel användarnamn eller lösenord."),
    }


class ThrottledAdminAuthenticationForm(_Throttled, AdminAuthenticationForm):
    pass


class LoginView(auth_views.LoginView):
    form_class = ThrottledAuthenticationForm
    template_name = "registration/login.html"
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["sso_provider"] = settings.OIDC_PROVIDER_NAME if settings.SSO_ENABLED else None
        return context


class LogoutView(auth_views.LogoutView):
    """Signs out of Styr, and of the provider too when the session came from there."""

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        at_provider = provider_logout_url(request)  # read before the session is flushed
        response = super().post(request, *args, **kwargs)
        return HttpResponseRedirect(at_provider) if at_provider else response
