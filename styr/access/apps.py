from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccessConfig(AppConfig):
    name = "styr.access"
    verbose_name = _("Behörigheter")

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from styr.access.models import Grant

        # Every route that changes a grant (the web, the admin, single sign-on) saves or
        # deletes the instance, so a request that changes roles and then reads them sees the
        # change rather than what it remembered (styr.access.permissions.remembering_roles).
        post_save.connect(_forget, sender=Grant, dispatch_uid="access-forget-roles-saved")
        post_delete.connect(_forget, sender=Grant, dispatch_uid="access-forget-roles-deleted")


def _forget(**kwargs: object) -> None:
    from styr.access.permissions import forget_roles

    forget_roles()
