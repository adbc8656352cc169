"""A plan file that no longer has something Styr holds (an assignment added on the web since
the export, say) deletes nothing unless told to: the import is refused with a list of what
would go, and `styr import --prune` deletes it."""

import re
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from styr.assignments.models import Assignment
from styr.planfiles.actions import do_import_plan_files
from styr.planfiles.nodes import PlanFileError
from styr.planfiles.tests.helpers import export_files
from styr.plans.models import Plan

pytestmark = pytest.mark.django_db


def _without_first_assignment(path: Path) -> str:
    """Drop the plan's first assignment from the file; return its key."""
    text = path.read_text(encoding="utf-8")
    start = text.index("\nassignments:\n") + len("\nassignments:\n")
    end = text.index("\n- key: ", start)
    key = re.match(r"- key: (\S+)", text[start:])
    assert key is not None
    path.write_text(text[:start] + text[end + 1 :], encoding="utf-8")
    return key[1]


def test_it_refuses_to_delete_unless_told_to(ks_plan: Plan, tmp_path: Path) -> None:
    files = export_files(ks_plan, tmp_path)
    key = _without_first_assignment(files[1])
    before = list(Assignment.objects.filter(plan=ks_plan).values_list("key", flat=True))

    with pytest.raises(PlanFileError) as refused:
        do_import_plan_files(list(files), acting_user=None)

    assert str(refused.value).startswith(
        f"ks-2024.yaml: filen saknar det här som finns i Styr: uppdrag ”{key}”. "
        "Inget har lästs in."
    )
    assert "--prune" in str(refused.value)
    assert list(Assignment.objects.filter(plan=ks_plan).values_list("key", flat=True)) == before


def test_the_command_deletes_with_prune(ks_plan: Plan, tmp_path: Path) -> None:
    files = export_files(ks_plan, tmp_path)
    key = _without_first_assignment(files[1])
    with pytest.raises(CommandError, match="filen saknar det här"):
        call_command("import", *map(str, files), stdout=StringIO())
    assert Assignment.objects.filter(plan=ks_plan, key=key).exists()

    out = StringIO()
    call_command("import", "--prune", *map(str, files), stdout=out)

    assert not Assignment.objects.filter(plan=ks_plan, key=key).exists()
    assert "borttagna: 1 uppdrag" in out.getvalue()
