from django.urls import path

from styr.proposals import views

app_name = "proposals"

# Under /oppen/<kommun>/forslag/: a proposal by its id, which never changes.
urlpatterns = [
    path("", views.index, name="index"),
    path("konto/", views.sign_up, name="sign-up"),
    path("konto/<str:token>/", views.verify, name="verify"),
    path("logga-ut/", views.sign_out, name="sign-out"),
    path("nytt/", views.submit, name="submit"),
    path("mina/", views.mine, name="mine"),
    path("radera/", views.erase, name="erase"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/bild/", views.image, name="image"),
    path("<int:pk>/skriv-under/", views.sign, name="sign"),
]
