from typing import Any

from django import forms
from django.contrib import admin
from django.http import HttpRequest

from styr.audit.admin_base import AuditedAdmin
from styr.plans.models import (
    CompetenceNeed,
    DigitalisationItem,
    DigitalisationTotal,
    Plan,
    PlanText,
    PremisesNeed,
    ReportOccasion,
    TextImage,
)
from styr.plans.reporting import reporting_open


class OccasionForm(forms.ModelForm[ReportOccasion]):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # A report with a decision on record keeps the name, kind and date it was decided
        # under, also while its plan is revised: disabled fields ignore what is posted.
        if self.instance.pk is not None and self.instance.versions.exists():
            for name, field in self.fields.items():
                # The last day to report is no part of the decision: it can be set while the
                # report's follow-up is open (a revision), by the rule every route applies.
                if name == "deadline" and reporting_open(self.instance):
                    continue
                field.disabled = True


class OccasionInline(admin.TabularInline[ReportOccasion, Plan]):
    model = ReportOccasion
    form = OccasionForm
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


@admin.register(TextImage)
class TextImageAdmin(admin.ModelAdmin[TextImage]):
    """Added on the web, where the file is checked; shown here only."""

    list_display = ["key", "alt", "plan", "width", "height", "uploaded_at"]
    exclude = ["content"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: TextImage | None = None) -> bool:
        return False

    # Removed on the web, where a decided plan refuses it and the removal is audited.
    def has_delete_permission(self, request: HttpRequest, obj: TextImage | None = None) -> bool:
        return False
