from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "Styr"
admin.site.site_title = "Styr"
admin.site.index_title = "Administration"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("styr.web.urls")),
]
