from typing import Any

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import User
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from styr.access.models import Grant, LoginFailures
from styr.audit.accounts import acting
from styr.audit.admin_base import AuditedAdmin
from styr.audit.models import AuditEntry


@admin.register(Grant)
class GrantAdmin(AuditedAdmin[Grant]):
    list_display = ["user", "role", "body", "municipality"]
    list_filter = ["role", "municipality"]
    search_fields = ["user__username", "body__code"]


@admin.register(LoginFailures)
class LoginFailuresAdmin(AuditedAdmin[LoginFailures]):
    """Read, and deleted to let someone in before their delay has passed."""

    list_display = ["scope", "count", "last_at"]
    search_fields = ["scope"]
    readonly_fields = ["scope", "count", "last_at"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


class AccountAdmin(UserAdmin):
    """Django's user admin, with every change recorded as the administrator who made it, and
    an account that has made changes deactivated instead of deleted: its history stays whole."""

    def save_model(self, request: HttpRequest, obj: User, form: Any, change: bool) -> None:
        with acting(request.user):
            super().save_model(request, obj, form, change)

    def delete_model(self, request: HttpRequest, obj: User) -> None:
        with acting(request.user):
            if AuditEntry.objects.filter(actor=obj).exists():
                obj.is_active = False
                obj.save(update_fields=["is_active"])
                messages.warning(
                    request,
                    _(
                        "%(user)s har ändringar i granskningsloggen och har inaktiverats i "
                        "stället för att tas bort."
                    )
                    % {"user": obj.username},
                )
            else:
                super().delete_model(request, obj)

    def user_change_password(
        self, request: HttpRequest, id: str, form_url: str = ""
    ) -> HttpResponse:
        with acting(request.user):
            return super().user_change_password(request, id, form_url)

    def delete_queryset(self, request: HttpRequest, queryset: Any) -> None:
        for user in list(queryset):
            self.delete_model(request, user)


admin.site.unregister(User)
admin.site.register(User, AccountAdmin)
