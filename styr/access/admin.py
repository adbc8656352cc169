from django.contrib import admin
from django.http import HttpRequest

from styr.access.models import Grant, LoginFailures
from styr.audit.admin_base import AuditedAdmin


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
