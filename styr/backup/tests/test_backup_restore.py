"""`styr backup` and `styr restore`: one archive of everything, restored losslessly into an
empty database of either engine. Backup → restore → backup gives the same data, byte for byte,
from SQLite to SQLite and, where PostgreSQL runs, from PostgreSQL to SQLite and from that
SQLite copy back to PostgreSQL (how a municipality grows). A non-empty database and a damaged
archive are refused before anything is written."""

import os
import subprocess
import sys
import zipfile
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from styr.audit.models import AuditEntry
from styr.backup.archive import MANIFEST

pytestmark = pytest.mark.django_db


def _styr(args: list[str], database_url: str) -> str:
    env = {**os.environ, "DATABASE_URL": database_url}
    done = subprocess.run(
        [sys.executable, "-m", "styr", *args], env=env, capture_output=True, text=True,
        check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def _data(path: Path) -> dict[str, bytes]:
    """The archive's tables (the manifest differs only in when it was made)."""
    with zipfile.ZipFile(path) as archive:
        return {n: archive.read(n) for n in archive.namelist() if n != MANIFEST}


def _postgres_server() -> str | None:
    database = settings.DATABASES["default"]
    if database["ENGINE"] != "django.db.backends.postgresql":
        return None
    user, host, port = database.get("USER") or "postgres", database["HOST"], database["PORT"]
    return f"postgresql://{user}@{host}:{port or 5432}"


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    path = tmp_path / "styr.zip"
    call_command("backup", "-o", str(path), stdout=StringIO())
    return path


def test_it_restores_into_sqlite_and_backs_up_the_same_data(archive: Path, tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'restored.sqlite3'}"
    _styr(["migrate", "--noinput", "-v0"], url)
    assert "Återställd: " in _styr(["restore", str(archive)], url)
    again = tmp_path / "again.zip"
    _styr(["backup", "-o", str(again)], url)
    assert _data(again) == _data(archive)
    # Users, their roles and the audit log came along.
    tables = {n.removeprefix("data/").removesuffix(".jsonl") for n in _data(archive)}
    assert {"auth.user", "access.grant", "audit.auditentry", "kolada.koladavalue"} <= tables


def test_it_goes_from_postgresql_to_sqlite_and_back(archive: Path, tmp_path: Path) -> None:
    server = _postgres_server()
    if server is None:
        pytest.skip("the suite runs on SQLite; the PostgreSQL run covers the crossing")
    import psycopg

    sqlite_url = f"sqlite:///{tmp_path / 'between.sqlite3'}"
    _styr(["migrate", "--noinput", "-v0"], sqlite_url)
    _styr(["restore", str(archive)], sqlite_url)
    from_sqlite = tmp_path / "from-sqlite.zip"
    _styr(["backup", "-o", str(from_sqlite)], sqlite_url)

    name = f"styr_restore_{os.getpid()}"
    with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        url = f"{server}/{name}"
        _styr(["migrate", "--noinput", "-v0"], url)
        _styr(["restore", str(from_sqlite)], url)
        back = tmp_path / "back.zip"
        _styr(["backup", "-o", str(back)], url)
        assert _data(back) == _data(archive)
        # New rows get new ids after the restore: loading the demo again writes fine.
        _styr(["demo"], url)
    finally:
        with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_it_refuses_a_database_in_use(archive: Path) -> None:
    before = AuditEntry.objects.count()
    with pytest.raises(CommandError, match="databasen är inte tom"):
        call_command("restore", str(archive), stdout=StringIO())
    assert AuditEntry.objects.count() == before


def test_it_refuses_a_damaged_archive_naming_the_table(archive: Path, tmp_path: Path) -> None:
    damaged = tmp_path / "damaged.zip"
    with zipfile.ZipFile(archive) as source, zipfile.ZipFile(damaged, "w") as target:
        for info in source.infolist():
            content = source.read(info)
            if info.filename == "data/plans.plan.jsonl":
                content = content.replace(b"2024", b"2025", 1)
            target.writestr(info, content)
    with pytest.raises(CommandError, match="plans.plan stämmer inte med sin kontrollsumma"):
        call_command("restore", str(damaged), stdout=StringIO())
    not_a_zip = tmp_path / "trasig.zip"
    not_a_zip.write_bytes(b"PK\x03\x04 trasig")
    with pytest.raises(CommandError, match="trasig.zip: är ingen läsbar säkerhetskopia"):
        call_command("restore", str(not_a_zip), stdout=StringIO())
