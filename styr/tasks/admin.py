from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from styr.tasks.models import Job


@admin.register(Job)
class JobAdmin(admin.ModelAdmin[Job]):
    """The jobs, the scheduled ones too (the nightly Kolada fetch, the reminders), to see what
    they did or why they failed. Read only: jobs change only by running."""

    list_display = ["title", "kind", "state", "attempts", "created_by", "created_at", "finished_at"]
    list_filter = ["kind", "state"]
    search_fields = ["title"]
    exclude = ["file_content"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
