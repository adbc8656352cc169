from django.contrib import admin

from styr.audit.admin_base import AuditedAdmin
from styr.indicators.models import (
    GroupMetric,
    Indicator,
    IndicatorValue,
    Metric,
    MetricGroup,
    MetricValue,
)


class IndicatorValueInline(admin.TabularInline[IndicatorValue, Indicator]):
    model = IndicatorValue
    extra = 0


@admin.register(Indicator)
class IndicatorAdmin(AuditedAdmin[Indicator]):
    list_display = ["name", "body", "unit", "polarity", "kolada_kpi"]
    list_filter = ["body__municipality", "polarity"]
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
