from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ScalesConfig(AppConfig):
    name = "styr.scales"
    verbose_name = _("Statusskalor")

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from styr.scales.reference import sync_after_migrate

        post_migrate.connect(sync_after_migrate, sender=self)
