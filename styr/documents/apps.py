from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "styr.documents"
    verbose_name = _("Dokument")

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from styr.documents.reference import sync_after_migrate

        post_migrate.connect(sync_after_migrate, sender=self)
