from django.contrib import admin

from styr.access.models import Grant


@admin.register(Grant)
class GrantAdmin(admin.ModelAdmin[Grant]):
    list_display = ["user", "role", "body", "municipality"]
    list_filter = ["role", "municipality"]
    search_fields = ["user__username", "body__code"]
