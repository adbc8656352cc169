from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SsoConfig(AppConfig):
    name = "styr.sso"
    verbose_name = _("Inloggning via OpenID Connect")
