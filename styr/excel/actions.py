"""Taking an edited workbook into the plan: all its changes in one transaction, or none."""

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import transaction
from django.utils.translation import gettext as _

from styr.activities.actions import do_report_activity, parse_unit_comments
from styr.assignments.actions import do_report_assignment
from styr.audit.actions import record
from styr.excel.changes import (
    ActivityEdit,
    BudgetEdit,
    ChangesMoved,
    ControlResultEdit,
    Edit,
    FollowUpEdit,
    ImportSummary,
    IndicatorValueEdit,
    MetricValueEdit,
    RiskEdit,
    WorkbookChanges,
    WorkbookRefused,
)
from styr.excel.read import Source, read_workbook
from styr.finance.actions import do_set_budget_cell
from styr.finance.models import BudgetColumn, BudgetRow
from styr.indicators.actions import do_set_indicator_value, do_set_metric_value
from styr.indicators.models import Indicator, Metric
from styr.indicators.rollup import deferred
from styr.internal_control.actions import RISK_FIELDS, do_record_control_result, do_save_risk
from styr.internal_control.models import Risk
from styr.plans.models import Plan
from styr.scales.models import ScaleOption

Actor = AbstractBaseUser | AnonymousUser | None


def do_import_workbook(
    source: WorkbookChanges | Source,
    *,
    plan: Plan,
    acting_user: Actor,
    expected: str | None = None,
    name: str = "",
) -> ImportSummary:
    """Apply a workbook's changes to the plan through the domain actions, in one transaction.

    `source` is a workbook (path, bytes or file), read here inside the transaction, or the
    changes `read_workbook` found. With `expected`, the digest of a preview: if the changes
    are no longer exactly those, ChangesMoved is raised and nothing is written. A workbook
    with errors raises WorkbookRefused; a refusal by a domain action (a plan locked meanwhile)
    propagates. Either way the database is left as it was.
    """
    with transaction.atomic():
        if isinstance(source, WorkbookChanges):
            changes = source
        else:
            changes = read_workbook(source, plan=plan, name=name)
        if changes.plan is not None and changes.plan.pk != plan.pk:
            raise ValueError(
                _("ändringarna gäller %(read)s, inte %(plan)s")
                % {"read": changes.plan, "plan": plan}
            )
        if not changes.ok:
            raise WorkbookRefused(changes.errors)
        if expected is not None and changes.digest() != expected:
            raise ChangesMoved(
                _(
                    "Planen har ändrats sedan förhandsgranskningen; läs in arbetsboken igen och "
                    "granska ändringarna."
                )
            )
        with deferred():  # the goals counted once for the workbook, not once a value
            _apply(plan, [c.edit for c in changes.changes], acting_user)
        by_sheet = changes.by_sheet()
        if by_sheet:
            record(
                "excel_imported",
                acting_user=acting_user,
                obj=plan,
                changes={"cells": sum(by_sheet.values()), "sheets": by_sheet},
            )
    return ImportSummary(plan, by_sheet)


def _apply(plan: Plan, edits: list[Edit], acting_user: Actor) -> None:
    # An assignment's status, grade, comment and internal mark at an occasion are reported
    # together, as are a
    # risk's fields: one domain action (and audit entry) per object, with every edit of it.
    follow_ups: dict[tuple[int, int], dict[str, int | str | bool | None]] = {}
    risks: dict[int, dict[str, str | int | bool]] = {}
    activities: dict[tuple[int, int], dict[str, int | str | None]] = {}
    for edit in edits:
        if isinstance(edit, ActivityEdit):
            activities.setdefault((edit.activity_id, edit.occasion_id), {})[edit.field] = edit.value
        elif isinstance(edit, FollowUpEdit):
            follow_ups.setdefault((edit.assignment_id, edit.occasion_id), {})[edit.field] = (
                edit.value
            )
        elif isinstance(edit, RiskEdit):
            risks.setdefault(edit.risk_id, {})[edit.field] = edit.value
        else:
            _apply_one(plan, edit, acting_user)
    for (assignment_id, occasion_id), fields in follow_ups.items():
        _report(plan, assignment_id, occasion_id, fields, acting_user)
    for (activity_id, occasion_id), fields in activities.items():
        _report_activity(plan, activity_id, occasion_id, fields, acting_user)
    for risk_id, edited in risks.items():
        risk = Risk.objects.for_plan(plan).select_related("category__plan").get(pk=risk_id)
        values = {f: getattr(risk, f) for f in RISK_FIELDS} | edited
        do_save_risk(plan, risk, values, acting_user=acting_user)


def _apply_one(plan: Plan, edit: Edit, acting_user: Actor) -> None:
    if isinstance(edit, IndicatorValueEdit):
        indicator = Indicator.objects.get(pk=edit.indicator_id, body_id=plan.body_id)
        do_set_indicator_value(
            indicator, plan=plan, year=edit.year, kind=edit.kind, value=edit.value,
            comparator=edit.comparator, reference_year=edit.reference_year,
            acting_user=acting_user,
        )  # fmt: skip
    elif isinstance(edit, MetricValueEdit):
        metric = Metric.objects.get(pk=edit.metric_id, body_id=plan.body_id)
        do_set_metric_value(
            metric, plan=plan, year=edit.year, kind=edit.kind, value=edit.value,
            text=edit.text, acting_user=acting_user,
        )  # fmt: skip
    elif isinstance(edit, BudgetEdit):
        row = BudgetRow.objects.select_related("table__plan").get(pk=edit.row_id, table__plan=plan)
        column = BudgetColumn.objects.get(pk=edit.column_id, table_id=row.table_id)
        do_set_budget_cell(row, column, edit.amount, acting_user=acting_user)
    elif isinstance(edit, ControlResultEdit):
        risk = Risk.objects.for_plan(plan).select_related("category__plan").get(pk=edit.risk_id)
        occasion = plan.occasions.get(pk=edit.occasion_id)
        do_record_control_result(risk, occasion, result=edit.result, acting_user=acting_user)


def _report(
    plan: Plan, assignment_id: int, occasion_id: int,
    fields: dict[str, int | str | bool | None], acting_user: Actor,
) -> None:  # fmt: skip
    assignment = plan.assignments.select_related("plan").get(pk=assignment_id)
    occasion = plan.occasions.get(pk=occasion_id)
    # Locked: the fields the workbook leaves alone are merged from the stored row as it is.
    current = (
        assignment.follow_ups.select_for_update(of=("self",)).filter(occasion=occasion).first()
    )
    status = current.status if current else None
    grade = current.grade if current else None
    comment = current.comment if current else ""
    if "status" in fields:
        status = _option(fields["status"])
    if "grade" in fields:
        grade = _option(fields["grade"])
    if "comment" in fields:
        comment = str(fields["comment"] or "")
    internal = bool(fields["internal"]) if "internal" in fields else None
    do_report_assignment(
        assignment, occasion, status=status, grade=grade, comment=comment, internal=internal,
        acting_user=acting_user,
    )  # fmt: skip


def _report_activity(
    plan: Plan, activity_id: int, occasion_id: int, fields: dict[str, int | str | None],
    acting_user: Actor,
) -> None:  # fmt: skip
    activity = plan.activities.select_related("plan").get(pk=activity_id)
    occasion = plan.occasions.get(pk=occasion_id)
    current = activity.follow_ups.select_for_update(of=("self",)).filter(occasion=occasion).first()
    status = current.status if current else None
    percent = current.percent_complete if current else None
    comment = current.comment if current else ""
    if "activity_status" in fields:
        status = _option(fields["activity_status"])
    if "percent" in fields:
        given = fields["percent"]
        percent = int(given) if given is not None else None
    if "activity_comment" in fields:
        comment = str(fields["activity_comment"] or "")
    units = None
    if "unit_comments" in fields:
        units = parse_unit_comments(str(fields["unit_comments"] or ""), list(activity.units.all()))
    do_report_activity(
        activity, occasion, status=status, percent_complete=percent, comment=comment,
        unit_comments=units, acting_user=acting_user,
    )  # fmt: skip


def _option(option_id: int | str | None) -> ScaleOption | None:
    return ScaleOption.objects.get(pk=option_id) if option_id is not None else None
