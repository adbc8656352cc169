from django.apps import AppConfig


class SteeringConfig(AppConfig):
    name = "styr.steering"
    verbose_name = "Styrmodell"
