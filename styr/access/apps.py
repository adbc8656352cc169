from django.apps import AppConfig


class AccessConfig(AppConfig):
    name = "styr.access"
    verbose_name = "Behörigheter"
