from django.apps import AppConfig


class FinanceConfig(AppConfig):
    name = "styr.finance"
    verbose_name = "Ekonomi"
