from django.urls import path

from styr.api import views

app_name = "api-tokens"

urlpatterns = [
    path("", views.tokens, name="list"),
    path("<int:token_id>/aterkalla/", views.revoke, name="revoke"),
]
