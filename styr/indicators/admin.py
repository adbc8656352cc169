from django.contrib import admin
from django.http import HttpRequest

from styr.audit.admin_base import AuditedAdmin
from styr.indicators.models import (
    GroupMetric,
    Indicator,
    IndicatorValue,
    Metric,
    MetricGroup,
    MetricValue,
    PlanRollup,
)


class IndicatorValueInline(admin.TabularInline[IndicatorValue, Indicator]):
    model = IndicatorValue
    extra = 0


@admin.register(Indicator)
class IndicatorAdmin(AuditedAdmin[Indicator]):
    list_display = ["name", "body", "unit", "polarity", "kolada_kpi", "public"]
    list_filter = ["body__municipality", "polarity", "public"]
    search_fields = ["name", "key", "kolada_kpi"]
    inlines = [IndicatorValueInline]


class MetricValueInline(admin.TabularInline[MetricValue, Metric]):
    model = MetricValue
    extra = 0


@admin.register(Metric)
class MetricAdmin(AuditedAdmin[Metric]):
    list_display = ["name", "body", "unit"]
    search_fields = ["name", "key"]
    inlines = [MetricValueInline]


class GroupMetricInline(admin.TabularInline[GroupMetric, MetricGroup]):
    model = GroupMetric
    extra = 0
    raw_id_fields = ["metric"]


@admin.register(MetricGroup)
class MetricGroupAdmin(AuditedAdmin[MetricGroup]):
    list_display = ["__str__", "section", "plan"]
    inlines = [GroupMetricInline]


@admin.register(PlanRollup)
class PlanRollupAdmin(admin.ModelAdmin[PlanRollup]):
    """Shown only: the counts follow from the plan's data and are kept current by the actions
    that change it (styr.indicators.rollup); a count typed here would be wrong at once."""

    list_display = ["plan", "year", "met", "near", "not_met", "no_data"]
    list_filter = ["plan__body__municipality"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: PlanRollup | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: PlanRollup | None = None) -> bool:
        return False
