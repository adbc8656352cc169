from typing import TypeVar

from django.contrib import admin
from django.db import models
from django.http import HttpRequest

from styr.audit.admin_base import AuditedAdmin
from styr.documents.models import DocumentFile, DocumentTemplate, DocumentVersion

M = TypeVar("M", bound=models.Model)


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


class ReadOnlyAdmin(admin.ModelAdmin[M]):
    """A decided document is a record: the admin shows it and never changes it."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: M | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: M | None = None) -> bool:
        return False


@admin.register(DocumentVersion)
class DocumentVersionAdmin(ReadOnlyAdmin[DocumentVersion]):
    list_display = ["title", "occasion", "number", "kind", "decided_on", "minute", "created_at"]
    list_filter = ["kind", "template_key"]
    exclude = ["tree"]


@admin.register(DocumentFile)
class DocumentFileAdmin(ReadOnlyAdmin[DocumentFile]):
    list_display = ["version", "format", "sha256", "created_at"]
    exclude = ["content"]
