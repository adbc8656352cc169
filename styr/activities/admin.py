from django.contrib import admin

from styr.activities.models import Activity, ActivityFollowUp
from styr.audit.admin_base import AuditedAdmin


class FollowUpInline(admin.TabularInline[ActivityFollowUp, Activity]):
    model = ActivityFollowUp
    extra = 0


@admin.register(Activity)
class ActivityAdmin(AuditedAdmin[Activity]):
    list_display = ["title", "goal", "assignment", "responsible_unit", "start", "end"]
    search_fields = ["title"]
    inlines = [FollowUpInline]
