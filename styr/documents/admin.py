from typing import Any, TypeVar

from django import forms
from django.contrib import admin
from django.db import models
from django.http import HttpRequest

from styr.audit.admin_base import AuditedAdmin
from styr.documents.actions import TemplateRefused, check_template, do_save_template
from styr.documents.models import DocumentFile, DocumentTemplate, DocumentVersion
from styr.organisation.models import Municipality

M = TypeVar("M", bound=models.Model)


class TemplateForm(forms.ModelForm[DocumentTemplate]):
    def clean_definition(self) -> str:
        """Checked as the web and `styr reference import` check it, so a refusal is a message
        on the form, never an error page."""
        definition: str = self.cleaned_data["definition"]
        try:
            check_template(self.cleaned_data.get("key") or self.instance.key, definition)
        except TemplateRefused as exc:
            raise forms.ValidationError(str(exc)) from None
        return definition


@admin.register(DocumentTemplate)
class DocumentTemplateAdmin(AuditedAdmin[DocumentTemplate]):
    form = TemplateForm
    list_display = ["name", "key", "version", "municipality", "updated_at"]
    list_filter = ["municipality"]
    search_fields = ["key", "name"]

    def save_model(
        self, request: HttpRequest, obj: DocumentTemplate, form: Any, change: bool
    ) -> None:
        """A municipality's template is saved as its next version (checked, audited), the
        same as on the web and by `styr reference import`; never changed in place."""
        if obj.municipality_id is None:
            super().save_model(request, obj, form, change)
            return
        municipality = Municipality.objects.get(pk=obj.municipality_id)
        saved = do_save_template(
            municipality, obj.key, form.cleaned_data["definition"], acting_user=request.user
        )
        obj.pk, obj.version = saved.pk, saved.version  # the admin goes on to the new version

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
    exclude = ["tree", "public_tree"]


@admin.register(DocumentFile)
class DocumentFileAdmin(ReadOnlyAdmin[DocumentFile]):
    list_display = ["version", "format", "edition", "sha256", "created_at"]
    exclude = ["content"]
