from django.urls import path

from styr.proposals import views

app_name = "proposals-work"

# Under /e-forslag/<kommun>/ in the signed-in workspace.
urlpatterns = [
    path("", views.moderation, name="list"),
    path("<int:pk>/", views.moderate, name="moderate"),
]
