from django.contrib import admin

from styr.audit.admin_base import AuditedAdmin
from styr.scales.models import Scale, ScaleOption


class ScaleOptionInline(admin.TabularInline[ScaleOption, Scale]):
    model = ScaleOption
    extra = 0


@admin.register(Scale)
class ScaleAdmin(AuditedAdmin[Scale]):
    list_display = ["name", "key", "version"]
    inlines = [ScaleOptionInline]
