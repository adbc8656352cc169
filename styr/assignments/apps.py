from django.apps import AppConfig


class AssignmentsConfig(AppConfig):
    name = "styr.assignments"
    verbose_name = "Uppdrag"
