"""A plan-file import's audit entry holds its change set: each added object by name, each
changed field's old and new value, each removed object, in the entry of the file it came from."""

from pathlib import Path

import pytest

from styr.audit.models import AuditEntry
from styr.planfiles.actions import do_import_plan_files
from styr.planfiles.tests.helpers import export_files
from styr.plans.models import Plan

pytestmark = pytest.mark.django_db


def test_the_entry_names_each_changed_field_with_old_and_new(ks_plan: Plan, tmp_path: Path) -> None:
    files = export_files(ks_plan, tmp_path)
    text = files[1].read_text(encoding="utf-8")
    old = "    name: Andel elever behöriga till gymnasiets yrkesprogram\n"
    files[1].write_text(text.replace(old, old.replace("Andel", "Andelen"), 1), "utf-8")

    do_import_plan_files(list(files), acting_user=None)

    entry = AuditEntry.objects.filter(action="plan_file_imported", object_id=str(ks_plan.pk))
    changes = entry.latest("pk").changes
    assert changes["file"] == "ks-2024.yaml"
    [changed] = changes["objects"]
    assert changed["fält"] == {"name": [
        "Andel elever behöriga till gymnasiets yrkesprogram",
        "Andelen elever behöriga till gymnasiets yrkesprogram",
    ]}  # fmt: skip
    assert changed["ändrad"].startswith("indikator ”")
    municipal = (
        AuditEntry.objects.filter(action="plan_file_imported")
        .exclude(object_id=str(ks_plan.pk))
        .latest("pk")
    )
    assert municipal.changes["file"] == "marks-2024.yaml" and municipal.changes["objects"] == []
