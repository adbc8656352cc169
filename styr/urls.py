from django.contrib import admin
from django.contrib.staticfiles.storage import staticfiles_storage
from django.http import HttpRequest, HttpResponseRedirect
from django.urls import include, path

from styr.web.views.auth import ThrottledAdminAuthenticationForm

admin.site.site_header = "Styr"
admin.site.site_title = "Styr"
admin.site.index_title = "Administration"
# The admin's sign-in is throttled like the web's.
admin.site.login_form = ThrottledAdminAuthenticationForm


def favicon(request: HttpRequest) -> HttpResponseRedirect:
    """Browsers ask for /favicon.ico whatever the page links (feed readers, bookmarks)."""
    return HttpResponseRedirect(staticfiles_storage.url("styr/favicon.svg"))


urlpatterns = [
    path("favicon.ico", favicon),
    path("admin/", admin.site.urls),
    # The language switch in the page header posts here (Django's set_language).
    path("i18n/", include("django.conf.urls.i18n")),
    # Single sign-on (styr.sso): answers 404 while it is off.
    path("oidc/", include("styr.sso.urls")),
    path("", include("styr.reminders.urls")),
    path("", include("styr.web.urls")),
]
