from django.urls import path

from styr.reminders import views

app_name = "reminders"

urlpatterns = [
    path("konto/paminnelser/", views.preferences, name="preferences"),
]
