from django.contrib import admin

from styr.access.models import Grant
from styr.audit.admin_base import AuditedAdmin


@admin.register(Grant)
class GrantAdmin(AuditedAdmin[Grant]):
    list_display = ["user", "role", "body", "municipality"]
    list_filter = ["role", "municipality"]
    search_fields = ["user__username", "body__code"]
