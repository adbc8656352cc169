from django.contrib import admin
from django.urls import include, path

from styr.web.views.auth import ThrottledAdminAuthenticationForm

admin.site.site_header = "Styr"
admin.site.site_title = "Styr"
admin.site.index_title = "Administration"
# The admin's sign-in is throttled like the web's.
admin.site.login_form = ThrottledAdminAuthenticationForm

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("styr.web.urls")),
]
