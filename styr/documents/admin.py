from django.contrib import admin
from django.http import HttpRequest

from styr.audit.admin_base import AuditedAdmin
from styr.documents.models import DocumentTemplate


@admin.register(DocumentTemplate)
class DocumentTemplateAdmin(AuditedAdmin[DocumentTemplate]):
    list_display = ["name", "key", "version", "municipality", "updated_at"]
    list_filter = ["municipality"]
    search_fields = ["key", "name"]

    # The shipped templates are reloaded from styr/documents/reference on every migrate, so an
    # edit here would be lost: they are read-only. A municipality adds its own version instead.
    def has_change_permission(
        self, request: HttpRequest, obj: DocumentTemplate | None = None
    ) -> bool:
        if obj is not None and obj.municipality_id is None:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(
        self, request: HttpRequest, obj: DocumentTemplate | None = None
    ) -> bool:
        if obj is not None and obj.municipality_id is None:
            return False
        return super().has_delete_permission(request, obj)
