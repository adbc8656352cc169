"""A ModelAdmin base that writes the audit trail for changes made in the Django admin."""

from typing import Any, TypeVar

from django.contrib import admin
from django.db import models, transaction
from django.forms import BaseModelForm
from django.forms.formsets import BaseFormSet
from django.http import HttpRequest

from styr.audit.actions import record

M = TypeVar("M", bound=models.Model)


def _plain(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | str):
        return value
    return str(value)


class AuditedAdmin(admin.ModelAdmin[M]):
    """Every save and delete in the admin is recorded with old and new values."""

    def save_model(
        self, request: HttpRequest, obj: M, form: BaseModelForm[M], change: bool
    ) -> None:
        with transaction.atomic():
            super().save_model(request, obj, form, change)
            changes = {
                name: [_plain(form.initial.get(name)), _plain(form.cleaned_data.get(name))]
                for name in form.changed_data
            }
            record(
                "admin_changed" if change else "admin_created",
                acting_user=request.user,
                obj=obj,
                changes=changes,
            )

    def delete_model(self, request: HttpRequest, obj: M) -> None:
        with transaction.atomic():
            record("admin_deleted", acting_user=request.user, obj=obj)
            super().delete_model(request, obj)

    def save_formset(
        self, request: HttpRequest, form: Any, formset: BaseFormSet[Any], change: bool
    ) -> None:
        with transaction.atomic():
            super().save_formset(request, form, formset, change)
            touched = [f for f in formset.forms if f.has_changed()]
            if touched:
                record(
                    "admin_inline_changed",
                    acting_user=request.user,
                    obj=form.instance,
                    changes={
                        "inline": str(formset.model._meta.verbose_name_plural),  # type: ignore[attr-defined]
                        "rows": len(touched),
                    },
                )
