"""Who a command-line change is recorded as: `--as USER` names the Styr account; without it the
operating-system user, as text. The name stays on the entry when the account is deleted."""

import getpass
from io import StringIO
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command

from styr.audit.models import AuditEntry
from styr.planfiles.tests.helpers import export_files
from styr.plans.models import Plan

pytestmark = pytest.mark.django_db


def test_an_import_without_as_is_recorded_as_the_operating_system_user(
    ks_plan: Plan, tmp_path: Path
) -> None:
    files = export_files(ks_plan, tmp_path)
    call_command("import", *map(str, files), stdout=StringIO())
    entry = AuditEntry.objects.filter(action="plan_file_imported").latest("pk")
    assert entry.actor is None
    assert entry.actor_name == f"kommandorad: {getpass.getuser()}"


def test_a_step_with_as_is_recorded_as_that_account_and_kept_after_deletion(
    ks_plan: Plan,
) -> None:
    user = User.objects.create_user("ekonomichef", password="x" * 16)
    call_command(
        "plan", "submit", "--body", "KS", "--year", "2024", "--municipality", "marks",
        "--as", "ekonomichef", stdout=StringIO(),
    )  # fmt: skip
    entry = AuditEntry.objects.filter(action="plan_submit").latest("pk")
    assert (entry.actor, entry.actor_name) == (user, "ekonomichef")
    user.delete()
    entry.refresh_from_db()
    assert (entry.actor, entry.actor_name) == (None, "ekonomichef")


def test_an_unknown_account_is_refused_before_anything_is_written(
    ks_plan: Plan, tmp_path: Path
) -> None:
    files = export_files(ks_plan, tmp_path)
    before = AuditEntry.objects.count()
    with pytest.raises(CommandError, match="ingen aktiv användare heter 'okand' \\(--as\\)"):
        call_command("import", *map(str, files), "--as", "okand", stdout=StringIO())
    assert AuditEntry.objects.count() == before
