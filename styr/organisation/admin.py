from django.contrib import admin
from django.http import HttpRequest

from styr.audit.admin_base import AuditedAdmin
from styr.organisation.models import Administration, Body, Municipality, Unit, WordBase


@admin.register(Municipality)
class MunicipalityAdmin(AuditedAdmin[Municipality]):
    list_display = ["name", "key", "kolada_id"]
    search_fields = ["name", "key"]


class AdministrationInline(admin.TabularInline[Administration, Body]):
    model = Administration
    extra = 0


@admin.register(Body)
class BodyAdmin(AuditedAdmin[Body]):
    list_display = ["name", "code", "kind", "parent", "municipality"]
    list_filter = ["municipality", "kind"]
    search_fields = ["name", "code"]
    inlines = [AdministrationInline]


class UnitInline(admin.TabularInline[Unit, Administration]):
    model = Unit
    extra = 0


@admin.register(Administration)
class AdministrationAdmin(AuditedAdmin[Administration]):
    list_display = ["name", "body"]
    list_filter = ["body__municipality"]
    inlines = [UnitInline]


@admin.register(Unit)
class UnitAdmin(AuditedAdmin[Unit]):
    list_display = ["name", "administration"]
    search_fields = ["name"]


@admin.register(WordBase)
class WordBaseAdmin(admin.ModelAdmin[WordBase]):
    """Uploaded on the web under Referensdata, where the file is checked; shown here only."""

    list_display = ["municipality", "name", "uploaded_at"]
    exclude = ["content"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: WordBase | None = None) -> bool:
        return False
