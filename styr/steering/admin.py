from django.contrib import admin

from styr.audit.admin_base import AuditedAdmin
from styr.indicators.models import GoalIndicator
from styr.steering.models import (
    CommitteeGoal,
    CouncilText,
    GoalFollowUp,
    MunicipalGoal,
    MunicipalPlan,
    Prerequisite,
    StartingPoint,
    StrategicArea,
)


class CouncilTextInline(admin.StackedInline[CouncilText, MunicipalPlan]):
    model = CouncilText
    extra = 0


@admin.register(MunicipalPlan)
class MunicipalPlanAdmin(AuditedAdmin[MunicipalPlan]):
    list_display = ["municipality", "year", "title"]
    list_filter = ["municipality"]
    inlines = [CouncilTextInline]


@admin.register(StrategicArea, Prerequisite, StartingPoint)
class SteeringItemAdmin(AuditedAdmin[StrategicArea]):
    list_display = ["name", "key", "municipal_plan"]
    list_filter = ["municipal_plan"]


@admin.register(MunicipalGoal)
class MunicipalGoalAdmin(AuditedAdmin[MunicipalGoal]):
    list_display = ["name", "key", "strategic_area", "municipal_plan"]
    list_filter = ["municipal_plan"]


class GoalIndicatorInline(admin.TabularInline[GoalIndicator, CommitteeGoal]):
    model = GoalIndicator
    extra = 0
    raw_id_fields = ["indicator"]
    # A record of the plan's decision (set by it, see freeze_publication), never an edit.
    readonly_fields = ["published"]


class GoalFollowUpInline(admin.StackedInline[GoalFollowUp, CommitteeGoal]):
    model = GoalFollowUp
    extra = 0


@admin.register(CommitteeGoal)
class CommitteeGoalAdmin(AuditedAdmin[CommitteeGoal]):
    list_display = ["__str__", "plan", "strategic_area", "prerequisite"]
    list_filter = ["plan__body__municipality", "plan__year"]
    search_fields = ["title", "description"]
    inlines = [GoalIndicatorInline, GoalFollowUpInline]
