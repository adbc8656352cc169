"""A ModelAdmin base for the Django admin: it writes the audit trail, and it shows what a
plan's decision covers read-only (the same rules as every other route, from
`styr.plans.decided`): a locked plan's objects, an adopted plan's decided content, an adopted
report's follow-up, and every workflow field (a state changes only through the workflow)."""

from typing import Any, TypeVar

from django.contrib import admin, messages
from django.contrib.admin.options import InlineModelAdmin
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.forms import BaseModelForm
from django.forms.formsets import BaseFormSet
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from styr.audit.actions import plain, record, stored_language
from styr.indicators.rollup import keep_current, keep_current_for, plans_concerned
from styr.plans.decided import plan_of, refusal
from styr.plans.models import PlanState

# Fields only the workflow sets (web, `styr plan`): shown, never edited here.
WORKFLOW_FIELDS = ("state", "adopted_on", "adopted_minute")

M = TypeVar("M", bound=models.Model)


def _inline_refusal(parent: models.Model | None) -> str | None:
    """Whether the inline rows under the parent are closed: under a plan that is adopted or
    locked they are shown only (follow-up of the year is entered on the web, whose actions
    know each report's state, row by row)."""
    plan = plan_of(parent) if parent is not None else None
    if plan is None or plan.state not in (PlanState.ADOPTED, PlanState.LOCKED):
        return None
    return refusal(plan)


class AdminRefused(PermissionDenied):
    """A write in the admin to what a decision covers."""

    def __init__(self, obj: models.Model, reason: str) -> None:
        super().__init__(f"{obj}: {reason}")
        self.obj = obj
        self.reason = reason


def _closed(request: HttpRequest, obj: Any = None) -> bool:
    return False


class AuditedAdmin(admin.ModelAdmin[M]):
    """Every save and delete in the admin is recorded with old and new values; what a
    decision covers is shown read-only, and a write to it is refused and recorded."""

    def get_readonly_fields(self, request: HttpRequest, obj: M | None = None) -> Any:
        fields = list(super().get_readonly_fields(request, obj))
        names = {f.name for f in self.model._meta.get_fields()}
        return fields + [f for f in WORKFLOW_FIELDS if f in names and f not in fields]

    def has_change_permission(self, request: HttpRequest, obj: M | None = None) -> bool:
        if obj is not None and refusal(obj):
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: M | None = None) -> bool:
        if obj is not None and refusal(obj):
            return False
        return super().has_delete_permission(request, obj)

    def get_inline_instances(
        self, request: HttpRequest, obj: M | None = None
    ) -> list[InlineModelAdmin[Any, Any]]:
        inlines = super().get_inline_instances(request, obj)
        closed_rows = _inline_refusal(obj)
        for inline in inlines:
            if closed_rows:
                # Shown, not edited: the same rows, without add, change or delete.
                closed = _closed
                inline.has_add_permission = closed  # type: ignore[method-assign]
                inline.has_change_permission = closed  # type: ignore[method-assign]
                inline.has_delete_permission = closed  # type: ignore[method-assign]
        return inlines

    def changeform_view(
        self, request: HttpRequest, object_id: str | None = None, form_url: str = "",
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:  # fmt: skip
        obj = self.get_object(request, object_id) if object_id else None
        reason = refusal(obj) if obj is not None else None
        try:
            if obj is not None and reason and request.method == "POST":
                raise AdminRefused(obj, reason)
            if reason:
                messages.info(
                    request, _("Visas utan att kunna ändras: %(reason)s") % {"reason": reason}
                )
            return super().changeform_view(request, object_id, form_url, extra_context)
        except AdminRefused as refused:
            # Django's own transaction rolled the save back; the attempt is history all the same.
            with transaction.atomic(), stored_language():
                record(
                    "write_refused",
                    acting_user=request.user,
                    obj=plan_of(refused.obj) or refused.obj,
                    changes={"action": f"admin change {refused.obj._meta.verbose_name}",
                             "object": str(refused.obj)[:200],
                             "refusal": refusal(refused.obj) or refused.reason},
                )  # fmt: skip
            raise

    def save_model(
        self, request: HttpRequest, obj: M, form: BaseModelForm[M], change: bool
    ) -> None:
        with transaction.atomic():
            # A goal moved to another plan changes the counts of the plan it leaves too.
            stored = type(obj)._default_manager.filter(pk=obj.pk).first() if change else None
            before = plans_concerned(stored) if stored is not None else set()
            super().save_model(request, obj, form, change)
            with stored_language():
                changes = {
                    name: [plain(form.initial.get(name)), plain(form.cleaned_data.get(name))]
                    for name in form.changed_data
                }
            record(
                "admin_changed" if change else "admin_created",
                acting_user=request.user,
                obj=obj,
                changes=changes,
            )
            # The goals counted on the start page (a tolerance, a rule, a goal's plan).
            keep_current(before | plans_concerned(obj))

    def delete_queryset(self, request: HttpRequest, queryset: models.QuerySet[M]) -> None:
        """The changelist's "delete selected": each object checked and recorded, all or none."""
        with transaction.atomic():
            chosen = list(queryset)
            for obj in chosen:
                reason = refusal(obj)
                if reason:
                    raise PermissionDenied(f"{obj}: {reason}")
            for obj in chosen:
                record("admin_deleted", acting_user=request.user, obj=obj)
            # Which plans' goal counts change is read before the rows are gone.
            concerned = {pk for obj in chosen for pk in plans_concerned(obj)}
            super().delete_queryset(request, queryset)
            keep_current(concerned)

    def delete_model(self, request: HttpRequest, obj: M) -> None:
        with transaction.atomic():
            record("admin_deleted", acting_user=request.user, obj=obj)
            concerned = plans_concerned(obj)
            super().delete_model(request, obj)
            keep_current(concerned)

    def save_formset(
        self, request: HttpRequest, form: Any, formset: BaseFormSet[Any], change: bool
    ) -> None:
        deleted = set(getattr(formset, "deleted_forms", []))
        touched = [f for f in formset.forms if f.has_changed() or f in deleted]
        model = formset.model  # type: ignore[attr-defined]
        with transaction.atomic():
            for row in touched:
                # The row as stored and as typed: neither may be part of a closed decision.
                stored = model._default_manager.filter(pk=row.instance.pk).first()
                for candidate in (stored, None if row in deleted else row.instance):
                    if candidate is None:
                        continue
                    reason = refusal(candidate)
                    if reason:
                        raise AdminRefused(candidate, reason)
            super().save_formset(request, form, formset, change)
            keep_current_for(form.instance)  # a goal's indicators, an indicator's values
            rows: dict[str, Any] = {}
            with stored_language():
                for row in touched:
                    label = f"{model._meta.verbose_name} {str(row.instance)[:80]}"
                    if row in deleted:
                        rows[label] = "borttagen"
                    else:
                        rows[label] = {
                            name: [plain(row.initial.get(name)), plain(row.cleaned_data.get(name))]
                            for name in row.changed_data
                        }
                inline = str(model._meta.verbose_name_plural)
            if rows:
                record(
                    "admin_inline_changed",
                    acting_user=request.user,
                    obj=form.instance,
                    changes={"inline": inline, "rows": rows},
                )
