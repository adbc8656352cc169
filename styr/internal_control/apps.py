from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InternalControlConfig(AppConfig):
    name = "styr.internal_control"
    verbose_name = _("Internkontroll")

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from styr.internal_control.reference import sync_after_migrate

        post_migrate.connect(sync_after_migrate, sender=self)
