from django.contrib import admin

from styr.audit.admin_base import AuditedAdmin
from styr.documents.models import DocumentTemplate


@admin.register(DocumentTemplate)
class DocumentTemplateAdmin(AuditedAdmin[DocumentTemplate]):
    list_display = ["name", "key", "version", "municipality", "updated_at"]
    list_filter = ["municipality"]
    search_fields = ["key", "name"]
