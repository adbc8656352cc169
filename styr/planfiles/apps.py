from django.apps import AppConfig


class PlanfilesConfig(AppConfig):
    name = "styr.planfiles"
    verbose_name = "Planfiler"
