from typing import Any

from django.contrib import admin
from django.db import models
from django.http import HttpRequest

from styr.kolada.models import Area, KoladaChange, Kpi

# Kolada values (KoladaValue) have no admin page: Django's admin refuses a model whose primary
# key is composite, and millions of rows are no list to browse. They are seen on indicator
# pages and in the summary `styr kolada import` prints.


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


@admin.register(KoladaChange)
class KoladaChangeAdmin(ReadOnlyAdmin):
    """An import's change set, value by value (also as CSV from the log)."""

    list_display = ["entry", "kpi_id", "area_id", "year", "gender", "old", "new"]
    list_filter = ["year", "gender"]
    search_fields = ["kpi_id", "area_id"]
    list_select_related = ["entry"]
