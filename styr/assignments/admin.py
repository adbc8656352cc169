from django.contrib import admin

from styr.assignments.models import Assignment, AssignmentFollowUp
from styr.audit.admin_base import AuditedAdmin


class FollowUpInline(admin.StackedInline[AssignmentFollowUp, Assignment]):
    model = AssignmentFollowUp
    extra = 0


@admin.register(Assignment)
class AssignmentAdmin(AuditedAdmin[Assignment]):
    list_display = ["__str__", "origin", "start_date", "plan", "public"]
    list_filter = ["origin", "public", "plan__year", "plan__body"]
    search_fields = ["text"]
    inlines = [FollowUpInline]
