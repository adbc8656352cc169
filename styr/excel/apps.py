from django.apps import AppConfig


class ExcelConfig(AppConfig):
    name = "styr.excel"
    label = "excel"
    verbose_name = "Excel"
