from django.contrib import admin

from styr.audit.admin_base import AuditedAdmin
from styr.organisation.models import Administration, Body, Municipality, Unit


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
