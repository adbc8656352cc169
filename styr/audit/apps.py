from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "styr.audit"
    verbose_name = "Granskningslogg"
