from django.contrib import admin

from styr.audit.admin_base import AuditedAdmin
from styr.internal_control.models import Risk, RiskCategory, RiskFollowUp, RiskLevel, RiskMatrix


class LevelInline(admin.TabularInline[RiskLevel, RiskMatrix]):
    model = RiskLevel
    extra = 0


@admin.register(RiskMatrix)
class RiskMatrixAdmin(AuditedAdmin[RiskMatrix]):
    list_display = ["name", "key", "version", "plan_threshold"]
    inlines = [LevelInline]


class RiskInline(admin.StackedInline[Risk, RiskCategory]):
    model = Risk
    extra = 0


@admin.register(RiskCategory)
class RiskCategoryAdmin(AuditedAdmin[RiskCategory]):
    list_display = ["name", "plan"]
    inlines = [RiskInline]


class FollowUpInline(admin.StackedInline[RiskFollowUp, Risk]):
    model = RiskFollowUp
    extra = 0


@admin.register(Risk)
class RiskAdmin(AuditedAdmin[Risk]):
    list_display = ["__str__", "category", "main_process", "probability", "consequence", "score"]
    list_filter = ["category__plan__year", "municipality_wide"]
    search_fields = ["description", "main_process"]
    inlines = [FollowUpInline]
