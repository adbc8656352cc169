from django.apps import AppConfig


class IndicatorsConfig(AppConfig):
    name = "styr.indicators"
    verbose_name = "Indikatorer och följetal"
