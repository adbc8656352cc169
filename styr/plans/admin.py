from django.contrib import admin

from styr.audit.admin_base import AuditedAdmin
from styr.plans.models import (
    CompetenceNeed,
    DigitalisationItem,
    DigitalisationTotal,
    Plan,
    PlanText,
    PremisesNeed,
    ReportOccasion,
)


class OccasionInline(admin.TabularInline[ReportOccasion, Plan]):
    model = ReportOccasion
    extra = 0
    # A report's way to its decision runs through the workflow (web or `styr plan`), which
    # freezes its documents; the admin shows where it stands.
    readonly_fields = ["state", "adopted_on", "adopted_minute"]


class PlanTextInline(admin.StackedInline[PlanText, Plan]):
    model = PlanText
    extra = 0


@admin.register(Plan)
class PlanAdmin(AuditedAdmin[Plan]):
    list_display = ["title", "body", "year", "state", "adopted_on"]
    list_filter = ["state", "year", "body__municipality"]
    search_fields = ["title", "body__name", "body__code"]
    inlines = [OccasionInline, PlanTextInline]


@admin.register(DigitalisationItem)
class DigitalisationItemAdmin(AuditedAdmin[DigitalisationItem]):
    list_display = ["name", "kind", "budget_need", "period_start", "period_end", "plan"]
    list_filter = ["kind", "plan__year"]


admin.site.register(DigitalisationTotal, AuditedAdmin)
admin.site.register(PremisesNeed, AuditedAdmin)
admin.site.register(CompetenceNeed, AuditedAdmin)
