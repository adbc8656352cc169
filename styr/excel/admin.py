from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from styr.excel.models import PendingWorkbook


@admin.register(PendingWorkbook)
class PendingWorkbookAdmin(admin.ModelAdmin[PendingWorkbook]):
    """Uploads waiting for their editor's confirmation (at most an hour). Shown only: they are
    confirmed on the plan's Excel page."""

    list_display = ["name", "plan", "uploaded_by", "created_at"]
    exclude = ["content"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
