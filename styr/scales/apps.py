from django.apps import AppConfig


class ScalesConfig(AppConfig):
    name = "styr.scales"
    verbose_name = "Statusskalor"

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from styr.scales.reference import sync_after_migrate

        post_migrate.connect(sync_after_migrate, sender=self)
