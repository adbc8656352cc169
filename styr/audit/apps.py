from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "styr.audit"
    verbose_name = "Granskningslogg"

    def ready(self) -> None:
        from styr.audit import accounts

        accounts.connect()
