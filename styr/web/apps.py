from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "styr.web"
    verbose_name = "Webbgränssnitt"
