from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "styr.demo"
    verbose_name = "Demo"
