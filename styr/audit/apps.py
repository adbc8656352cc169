from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "styr.audit"
    verbose_name = _("Granskningslogg")

    def ready(self) -> None:
        from styr.audit import accounts

        accounts.connect()
