from django.contrib import admin

from styr.scales.models import Scale, ScaleOption


class ScaleOptionInline(admin.TabularInline[ScaleOption, Scale]):
    model = ScaleOption
    extra = 0


@admin.register(Scale)
class ScaleAdmin(admin.ModelAdmin[Scale]):
    list_display = ["name", "key", "version"]
    inlines = [ScaleOptionInline]
