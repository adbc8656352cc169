"""/oidc/…: the addresses to register at the provider (docs/sso.md). Named as
mozilla-django-oidc looks them up."""

from django.urls import path

from styr.sso import views

urlpatterns = [
    path("authenticate/", views.AuthenticateView.as_view(), name="oidc_authentication_init"),
    path("callback/", views.CallbackView.as_view(), name="oidc_authentication_callback"),
    path("logout/", views.front_channel_logout, name="oidc_front_channel_logout"),
]
