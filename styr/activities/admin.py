from django.contrib import admin

from styr.activities.models import Activity, ActivityFollowUp, ActivityUnitComment
from styr.audit.admin_base import AuditedAdmin


class FollowUpInline(admin.TabularInline[ActivityFollowUp, Activity]):
    model = ActivityFollowUp
    extra = 0


class UnitCommentInline(admin.TabularInline[ActivityUnitComment, ActivityFollowUp]):
    model = ActivityUnitComment
    extra = 0


@admin.register(Activity)
class ActivityAdmin(AuditedAdmin[Activity]):
    list_display = ["title", "goal", "assignment", "responsible_unit", "start", "end"]
    search_fields = ["title"]
    filter_horizontal = ["units"]
    inlines = [FollowUpInline]


@admin.register(ActivityFollowUp)
class ActivityFollowUpAdmin(AuditedAdmin[ActivityFollowUp]):
    """Where the units' own comments of one report are read and corrected."""

    list_display = ["activity", "occasion", "status", "percent_complete"]
    list_filter = ["occasion__kind"]
    inlines = [UnitCommentInline]
