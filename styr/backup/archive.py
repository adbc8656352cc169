"""Backup and restore of everything Styr holds, as one archive that any Styr database (SQLite
or PostgreSQL) can be restored from.

The archive is a zip: `manifest.json` (format, Styr's migrations, each member's row count and
SHA-256) and one JSON-lines member per table, rows in primary-key order, so the same data always
gives the same bytes. Every table is there (users, roles, the audit log, Kolada, images and Word
bases, decided versions) except sessions, which are sign-ins rather than data. Content types
and permissions are created by `migrate` with ids of their own, so references to them are
written by name and mapped back on restore.

Restore goes into an empty database (migrated, with only what migrate itself creates): it checks
every checksum and the migrations first, then writes everything in one transaction, or nothing.
"""

import base64
import hashlib
import json
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import IO, Any
from uuid import UUID

from django.apps import apps
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.core.management.color import no_style
from django.db import connection, models, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

FORMAT = "styr/backup/1"
MANIFEST = "manifest.json"
BATCH = 2000
# Fixed member dates: the same data gives the same archive bytes.
_STAMP = (2000, 1, 1, 0, 0, 0)
# Left out: sign-ins (sessions) and what `migrate` creates with ids of its own.
SKIPPED = {"sessions.session", "contenttypes.contenttype", "auth.permission"}
# Apps whose migrations say nothing of the data: Procrastinate's queue (the jobs of the moment,
# not backed up) is installed on PostgreSQL only, so a copy moves between databases without it.
QUEUE_APPS = {"procrastinate"}
# Rows whose presence does not make a database "in use": created by migrate itself.
CREATED_BY_MIGRATE = {
    "scales.scale", "scales.scaleoption", "internal_control.riskmatrix",
    "internal_control.risklevel", "documents.documenttemplate",
}  # fmt: skip


class BackupError(Exception):
    """An archive that cannot be restored, or a database it cannot go into."""


@dataclass(frozen=True)
class Member:
    label: str  # app_label.model_name
    rows: int
    sha256: str


def _models() -> list[type[models.Model]]:
    chosen = [
        m
        for m in apps.get_models(include_auto_created=True)
        if m._meta.label_lower not in SKIPPED and not m._meta.proxy and m._meta.managed
    ]
    return sorted(chosen, key=lambda m: m._meta.label_lower)


def _encode(field: models.Field[Any, Any], value: Any) -> Any:
    if value is None:
        return None
    related = field.related_model if field.is_relation else None
    if related is ContentType:
        ct = ContentType.objects.get_for_id(value)
        return [ct.app_label, ct.model]
    if related is Permission:
        return list(_permission_names()[value])
    if isinstance(value, bytes | memoryview):
        return {"base64": base64.b64encode(bytes(value)).decode("ascii")}
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, timedelta):
        return value.total_seconds()
    if isinstance(value, UUID):
        return str(value)
    return value


@lru_cache(maxsize=1)
def _permission_names() -> dict[int, tuple[str, str, str]]:
    """Each permission's natural key by id, read once per backup (not once per row)."""
    return {
        pk: (app, model, codename)
        for pk, app, model, codename in Permission.objects.values_list(
            "pk", "content_type__app_label", "content_type__model", "codename"
        )
    }


def _decode(field: models.Field[Any, Any], value: Any) -> Any:
    if value is None:
        return None
    related = field.related_model if field.is_relation else None
    if related is ContentType:
        return ContentType.objects.get_by_natural_key(*value).pk
    if related is Permission:
        app_label, model, codename = value
        return Permission.objects.get_by_natural_key(codename, app_label, model).pk
    target = field.target_field if field.is_relation else field  # type: ignore[attr-defined]
    if isinstance(value, dict) and "base64" in value:
        return base64.b64decode(value["base64"])
    if isinstance(target, models.DecimalField):
        return Decimal(value)
    if isinstance(target, models.DateTimeField):
        return datetime.fromisoformat(value)
    if isinstance(target, models.DateField):
        return date.fromisoformat(value)
    if isinstance(target, models.TimeField):
        return time.fromisoformat(value)
    if isinstance(target, models.DurationField):
        return timedelta(seconds=value)
    if isinstance(target, models.UUIDField):
        return UUID(value)
    return value


def _fields(model: type[models.Model]) -> list[models.Field[Any, Any]]:
    return [f for f in model._meta.concrete_fields if f.column]


def _rows(model: type[models.Model]) -> Iterator[bytes]:
    fields = _fields(model)
    order = [f.attname for f in model._meta.pk_fields]
    for row in (
        model._base_manager.order_by(*order)
        .values_list(*[f.attname for f in fields])
        .iterator(chunk_size=BATCH)
    ):
        encoded = {f.attname: _encode(f, v) for f, v in zip(fields, row, strict=True)}
        yield (json.dumps(encoded, ensure_ascii=False, sort_keys=True) + "\n").encode("utf-8")


def _applied_migrations() -> list[str]:
    recorder = MigrationRecorder(connection)
    applied = recorder.applied_migrations()
    return sorted(f"{app}.{name}" for app, name in applied if app not in QUEUE_APPS)


def _info(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=_STAMP)
    info.compress_type = zipfile.ZIP_DEFLATED
    return info


def write_backup(out: IO[bytes]) -> list[Member]:
    """Write the archive of the whole database to `out`, read in one consistent snapshot."""
    members: list[Member] = []
    _permission_names.cache_clear()
    outermost = not connection.in_atomic_block
    with transaction.atomic(), zipfile.ZipFile(out, "w", allowZip64=True) as archive:
        if outermost and connection.vendor == "postgresql":
            # One snapshot for every table, even while others write.
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        for model in _models():
            label = model._meta.label_lower
            digest, count = hashlib.sha256(), 0
            with archive.open(_info(f"data/{label}.jsonl"), "w", force_zip64=True) as member:
                for line in _rows(model):
                    member.write(line)
                    digest.update(line)
                    count += 1
            members.append(Member(label, count, digest.hexdigest()))
        manifest = {
            "format": FORMAT,
            "created": timezone.now().isoformat(timespec="seconds"),
            "engine": connection.vendor,
            "migrations": _applied_migrations(),
            "tables": [{"table": m.label, "rows": m.rows, "sha256": m.sha256} for m in members],
        }
        archive.writestr(_info(MANIFEST), json.dumps(manifest, indent=1, ensure_ascii=False))
    return members


def _read_manifest(archive: zipfile.ZipFile, name: str) -> dict[str, Any]:
    try:
        manifest: dict[str, Any] = json.loads(archive.read(MANIFEST))
    except KeyError:
        raise BackupError(
            f"{name}: arkivet saknar {MANIFEST}; är det en säkerhetskopia från Styr?"
        ) from None
    except ValueError as exc:
        raise BackupError(f"{name}: {MANIFEST} går inte att läsa ({exc})") from None
    if manifest.get("format") != FORMAT:
        raise BackupError(f"{name}: formatet {str(manifest.get('format'))[:40]!r} är inte {FORMAT}")
    return manifest


def _verify(archive: zipfile.ZipFile, manifest: dict[str, Any], name: str) -> None:
    """Every member's checksum and row count, before anything is written."""
    for table in manifest["tables"]:
        digest, count = hashlib.sha256(), 0
        try:
            with archive.open(f"data/{table['table']}.jsonl") as member:
                for line in member:
                    digest.update(line)
                    count += 1
        except KeyError:
            raise BackupError(f"{name}: tabellen {table['table']} saknas i arkivet") from None
        except (zipfile.BadZipFile, OSError, EOFError) as exc:
            raise BackupError(f"{name}: {table['table']} är skadad ({exc})") from None
        if digest.hexdigest() != table["sha256"] or count != table["rows"]:
            raise BackupError(
                f"{name}: {table['table']} stämmer inte med sin kontrollsumma; arkivet är skadat"
            )


def _in_use() -> list[str]:
    used = []
    for model in _models():
        label = model._meta.label_lower
        if label not in CREATED_BY_MIGRATE and model._base_manager.exists():
            used.append(label)
    return used


def restore_backup(path: Path) -> list[Member]:
    """Restore the archive into this (empty, migrated) database; all or nothing."""
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise BackupError(f"{path.name}: är ingen läsbar säkerhetskopia ({exc})") from None
    with archive:
        manifest = _read_manifest(archive, path.name)
        # Copies made before the queue was left out still list its migrations.
        wanted = {m for m in manifest["migrations"] if m.split(".", 1)[0] not in QUEUE_APPS}
        missing = sorted(wanted - set(_applied_migrations()))
        if missing:
            raise BackupError(
                f"{path.name}: kopian kommer från en nyare Styr (migreringar som saknas här: "
                f"{', '.join(missing[:5])}); uppdatera Styr och kör styr migrate först"
            )
        _verify(archive, manifest, path.name)
        used = _in_use()
        if used:
            raise BackupError(
                "databasen är inte tom (den har bl.a. "
                f"{', '.join(used[:5])}); återställ till en ny, migrerad databas"
            )
        by_label = {m._meta.label_lower: m for m in _models()}
        restored: list[Member] = []
        with transaction.atomic():
            for label in CREATED_BY_MIGRATE:
                by_label[label]._base_manager.all().delete()
            for table in manifest["tables"]:
                model = by_label.get(table["table"])
                if model is None:
                    raise BackupError(f"{path.name}: Styr har ingen tabell {table['table']}")
                _insert(model, archive, f"data/{table['table']}.jsonl")
                restored.append(Member(table["table"], table["rows"], table["sha256"]))
            _reset_sequences(list(by_label.values()))
    return restored


def _insert(model: type[models.Model], archive: zipfile.ZipFile, member: str) -> None:
    fields = _fields(model)
    by_attname = {f.attname: f for f in fields}
    batch: list[models.Model] = []
    with archive.open(member) as lines:
        for line in lines:
            data = json.loads(line)
            obj = model(**{k: _decode(by_attname[k], v) for k, v in data.items()})
            batch.append(obj)
            if len(batch) >= BATCH:
                _write(model, batch, fields)
                batch = []
    if batch:
        _write(model, batch, fields)


def _write(
    model: type[models.Model], batch: list[models.Model], fields: list[models.Field[Any, Any]]
) -> None:
    # raw: values as stored, without auto_now stamps or defaults filled in again.
    model._base_manager._insert(batch, fields=fields, raw=True)  # type: ignore[attr-defined]


def _reset_sequences(chosen: list[type[models.Model]]) -> None:
    statements = connection.ops.sequence_reset_sql(no_style(), chosen)
    if statements:
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)
