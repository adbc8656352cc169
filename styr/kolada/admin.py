from typing import Any

from django.contrib import admin
from django.db import models
from django.http import HttpRequest

from styr.kolada.models import Area, KoladaValue, Kpi


class ReadOnlyAdmin(admin.ModelAdmin[Any]):
    """Kolada data changes only by import (`styr kolada import`), never by hand."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: models.Model | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: models.Model | None = None) -> bool:
        return False


@admin.register(Kpi)
class KpiAdmin(ReadOnlyAdmin):
    list_display = ["id", "title", "operating_area", "perspective", "publication_date"]
    list_filter = ["municipality_type", "is_divided_by_gender"]
    search_fields = ["id", "title"]


@admin.register(Area)
class AreaAdmin(ReadOnlyAdmin):
    list_display = ["id", "title", "type"]
    list_filter = ["type"]
    search_fields = ["id", "title"]


@admin.register(KoladaValue)
class KoladaValueAdmin(ReadOnlyAdmin):
    list_display = ["kpi", "area", "year", "gender", "value"]
    list_filter = ["gender"]
    search_fields = ["kpi__id", "kpi__title", "area__id", "area__title"]
    list_select_related = ["kpi", "area"]
    # Millions of rows: an exact count on every page would be slow.
    show_full_result_count = False
