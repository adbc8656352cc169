from django.apps import AppConfig


class OrganisationConfig(AppConfig):
    name = "styr.organisation"
    verbose_name = "Organisation"
