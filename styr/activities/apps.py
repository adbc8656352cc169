from django.apps import AppConfig


class ActivitiesConfig(AppConfig):
    name = "styr.activities"
    verbose_name = "Aktiviteter"
