from django.contrib import admin
from django.http import HttpRequest

from styr.audit.admin_base import AuditedAdmin
from styr.reminders.models import ReminderPreference, ReminderSent


@admin.register(ReminderPreference)
class ReminderPreferenceAdmin(AuditedAdmin[ReminderPreference]):
    list_display = ["user", "enabled", "changed_at"]
    list_filter = ["enabled"]
    search_fields = ["user__username", "user__email"]


@admin.register(ReminderSent)
class ReminderSentAdmin(admin.ModelAdmin[ReminderSent]):
    """The record of what went out, read only: it is what keeps a reminder from going twice."""

    list_display = ["user", "occasion", "deadline", "days_before", "sent_on", "email", "items"]
    list_filter = ["sent_on", "days_before"]
    search_fields = ["user__username", "email", "occasion__name"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: ReminderSent | None = None) -> bool:
        return False
