from django.contrib import admin

from styr.audit.admin_base import AuditedAdmin
from styr.finance.models import BudgetCell, BudgetColumn, BudgetRow, BudgetTable


class ColumnInline(admin.TabularInline[BudgetColumn, BudgetTable]):
    model = BudgetColumn
    extra = 0


class RowInline(admin.StackedInline[BudgetRow, BudgetTable]):
    model = BudgetRow
    extra = 0


@admin.register(BudgetTable)
class BudgetTableAdmin(AuditedAdmin[BudgetTable]):
    list_display = ["title", "kind", "unit", "plan"]
    list_filter = ["kind", "plan__year"]
    inlines = [ColumnInline, RowInline]


class CellInline(admin.TabularInline[BudgetCell, BudgetRow]):
    model = BudgetCell
    extra = 0


@admin.register(BudgetRow)
class BudgetRowAdmin(AuditedAdmin[BudgetRow]):
    list_display = ["label", "kind", "table"]
    inlines = [CellInline]
