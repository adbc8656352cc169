"""`styr restore` refuses a copy from a newer Styr (a migration missing here) before anything
is written; the migrations of Procrastinate's queue, installed on PostgreSQL only, are no part
of that comparison, so a copy moves between the engines."""

import json
import zipfile
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from styr.backup.archive import MANIFEST

pytestmark = pytest.mark.django_db


def _with_migrations(tmp_path: Path, extra: list[str]) -> Path:
    made = tmp_path / "styr.zip"
    call_command("backup", "-o", str(made), stdout=StringIO())
    changed = tmp_path / "changed.zip"
    with zipfile.ZipFile(made) as source, zipfile.ZipFile(changed, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == MANIFEST:
                manifest = json.loads(data)
                assert not any(m.startswith("procrastinate.") for m in manifest["migrations"])
                manifest["migrations"] += extra
                data = json.dumps(manifest).encode()
            target.writestr(item, data)
    return changed


def test_it_refuses_a_copy_from_a_newer_styr(tmp_path: Path) -> None:
    archive = _with_migrations(tmp_path, ["plans.9999_from_the_future"])
    with pytest.raises(CommandError, match="nyare Styr.*plans.9999_from_the_future"):
        call_command("restore", str(archive), stdout=StringIO())


def test_it_reads_past_the_queues_migrations(tmp_path: Path) -> None:
    archive = _with_migrations(tmp_path, ["procrastinate.0001_initial"])
    # Past the comparison: refused only because this database is not empty.
    with pytest.raises(CommandError, match="databasen är inte tom"):
        call_command("restore", str(archive), stdout=StringIO())
