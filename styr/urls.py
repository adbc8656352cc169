from django.contrib import admin
from django.contrib.staticfiles.storage import staticfiles_storage
from django.http import HttpRequest, HttpResponseRedirect
from django.urls import include, path

from styr.api.api import api
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
    # Open data (styr.opendata): before the portal, whose <municipality>/ would take "data".
    path("oppen/data/", include("styr.opendata.urls")),
    # E-förslag (styr.proposals): before the portal, whose <municipality>/<body>/<year>/
    # would take "forslag/12/". Moderation is in the workspace under e-forslag/.
    path("oppen/<slug:municipality>/forslag/", include("styr.proposals.urls")),
    path("e-forslag/<slug:municipality>/", include("styr.proposals.work_urls")),
    # The REST API (styr.api): OpenAPI schema at /api/openapi.json, docs at /api/docs.
    path("api/", api.urls),
    path("konto/api-nycklar/", include("styr.api.urls")),
    # The open portal for residents (styr.portal): no sign-in, its own URL space.
    path("oppen/", include("styr.portal.urls")),
    path("", include("styr.reminders.urls")),
    path("", include("styr.web.urls")),
]
