from django.apps import AppConfig


class KoladaConfig(AppConfig):
    name = "styr.kolada"
    verbose_name = "Kolada"
