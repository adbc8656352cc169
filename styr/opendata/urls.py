from django.urls import path

from styr.opendata import views

app_name = "opendata"

# Under /oppen/data/, ahead of the portal (styr/urls.py). Addresses are stable: a municipality
# by its key, a body by its code, a dataset by its Swedish name, an indicator by its key.
urlpatterns = [
    path("<slug:municipality>/katalog.<slug:fmt>", views.catalogue, name="catalogue"),
    path(
        "<slug:municipality>/<str:body>/<int:year>/<slug:name>.<slug:fmt>",
        views.plan_dataset,
        name="plan-dataset",
    ),
    path(
        "<slug:municipality>/<str:body>/indikator/<slug:key>.<slug:fmt>",
        views.indicator_dataset,
        name="indicator-dataset",
    ),
]
