from pathlib import Path

import pytest

from styr.planfiles.actions import do_import_plan_files
from styr.planfiles.tests.helpers import export_files
from styr.plans.models import Plan

pytestmark = pytest.mark.django_db


def test_it_exports_imports_and_exports_the_same_bytes(ks_plan: Plan, tmp_path: Path) -> None:
    first = tmp_path / "first"
    second = tmp_path / "second"
    first.mkdir()
    second.mkdir()
    files = export_files(ks_plan, first)

    result = do_import_plan_files(list(files), acting_user=None)
    assert not result.tally.changed(), result.tally.as_dict()

    again = export_files(Plan.objects.get(pk=ks_plan.pk), second)
    for a, b in zip(files, again, strict=True):
        assert a.read_bytes() == b.read_bytes(), a.name


def test_it_keeps_the_objects_when_reimporting(ks_plan: Plan, tmp_path: Path) -> None:
    goal_ids = sorted(ks_plan.goals.values_list("pk", flat=True))
    do_import_plan_files(list(export_files(ks_plan, tmp_path)), acting_user=None)
    assert sorted(ks_plan.goals.values_list("pk", flat=True)) == goal_ids
