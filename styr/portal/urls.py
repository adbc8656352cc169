from django.urls import path

from styr.portal import views

app_name = "portal"

# Stable addresses: a municipality by its key, a body by its code, a goal, an assignment and
# an indicator by their keys, which plan files and copies to the next year keep.
urlpatterns = [
    path("", views.index, name="index"),
    path("tillganglighet/", views.accessibility, name="accessibility"),
    path("sprak/<str:code>/", views.language, name="language"),
    path("<slug:municipality>/", views.municipality, name="municipality"),
    path("<slug:municipality>/<str:body>/<int:year>/", views.plan, name="plan"),
    path("<slug:municipality>/<str:body>/<int:year>/mal/<slug:key>/", views.goal, name="goal"),
    path(
        "<slug:municipality>/<str:body>/<int:year>/uppdrag/<slug:key>/",
        views.assignment,
        name="assignment",
    ),
    path(
        "<slug:municipality>/<str:body>/<int:year>/dokument/<int:version_id>/",
        views.document,
        name="document",
    ),
    path(
        "<slug:municipality>/<str:body>/<int:year>/dokument/<int:version_id>.<str:fmt>",
        views.document_file,
        name="document-file",
    ),
    path("<slug:municipality>/<str:body>/indikator/<slug:key>/", views.indicator, name="indicator"),
]
