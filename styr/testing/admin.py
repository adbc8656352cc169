"""Posting the Django admin's change form as a browser would, for tests of the admin's gate."""

from typing import Any

from django.db import models
from django.test import Client


def inline_edit(
    client: Client, url: str, model: type[models.Model], pk: Any, field: str, value: str
) -> dict[str, str]:
    """The change form at `url` as the browser would post it, with one inline row of `model`
    (the row whose primary key is `pk`) changed: `field` set to `value`."""
    page = client.get(url)
    assert page.status_code == 200, page.status_code
    form = page.context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None and not isinstance(v, list)}
    formset = next(f for f in page.context["inline_admin_formsets"]
                   if f.formset.model is model).formset  # fmt: skip
    prefix = formset.prefix
    parent = formset.fk.name
    data.update({f"{prefix}-TOTAL_FORMS": str(len(formset.forms)),
                 f"{prefix}-INITIAL_FORMS": str(len(formset.forms)),
                 f"{prefix}-MIN_NUM_FORMS": "0", f"{prefix}-MAX_NUM_FORMS": "1000"})  # fmt: skip
    for i, row in enumerate(formset.forms):
        for name, initial in row.initial.items():
            if initial is not None:
                data[f"{prefix}-{i}-{name}"] = str(initial)
        data[f"{prefix}-{i}-id"] = str(row.instance.pk)
        data[f"{prefix}-{i}-{parent}"] = str(formset.instance.pk)
        if row.instance.pk == pk:
            data[f"{prefix}-{i}-{field}"] = value
    # The inline forms of other models on the page are sent empty.
    for other in page.context["inline_admin_formsets"]:
        if other.formset.model is not model:
            p = other.formset.prefix
            data.update({f"{p}-TOTAL_FORMS": "0", f"{p}-INITIAL_FORMS": "0"})
    return data
