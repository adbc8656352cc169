"""Importing Kolada files: the one way Kolada data changes the database.

An import is all or nothing: one transaction, one audit entry; any refused record rolls the
whole import back and is reported with where it is.
"""

from collections.abc import Callable, Iterable, Sequence
from contextlib import closing
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import models, transaction

from styr.audit.actions import record
from styr.kolada.bulk import Staging
from styr.kolada.models import Area, Kpi
from styr.kolada.pipeline import Encoding, read_chunks, read_chunks_in_child
from styr.kolada.reader import (
    AreaRecord,
    EnvelopeReader,
    FileKind,
    KoladaError,
    KpiRecord,
    Problems,
    detect_kind,
)
from styr.kolada.records import catalogue_records

SHIPPED_DATA = Path(__file__).resolve().parent / "data"
CHUNK_SIZE = 50_000
# Starting the child that reads in parallel costs a fraction of a second: worth it from a few
# seconds of reading on.
READER_PROCESS_BYTES = 32 << 20


@dataclass
class ImportSummary:
    """What an import read and did. Values count single numbers (a KPI, area, year, gender)."""

    files: int = 0
    kpis: int = 0
    kpis_added: int = 0
    kpis_updated: int = 0
    areas: int = 0
    areas_added: int = 0
    areas_updated: int = 0
    values: int = 0
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    # Values Kolada now gives as null or deleted, removed from what was stored.
    withdrawn: int = 0
    refused: int = 0

    def as_dict(self) -> dict[str, int]:
        return asdict(self)


@dataclass(frozen=True)
class ImportProgress:
    bytes_done: int
    bytes_total: int
    values: int


class KoladaImportRefused(Exception):
    """The import was rolled back: nothing was written. Carries the first errors."""

    def __init__(self, summary: ImportSummary, errors: list[KoladaError]) -> None:
        self.summary = summary
        self.errors = errors
        first = f": {errors[0]}" if errors else ""
        super().__init__(f"{summary.refused} refused, nothing was written{first}")


@dataclass
class _Run:
    files: list[Path]
    problems: Problems = field(default_factory=Problems)
    summary: ImportSummary = field(default_factory=ImportSummary)
    names: dict[int, str] = field(default_factory=dict)


def kolada_files(paths: Iterable[Path]) -> list[Path]:
    """The files named, with folders searched for *.json and *.json.gz (sorted)."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(
                sorted(
                    p
                    for p in path.rglob("*")
                    if p.is_file() and p.name.endswith((".json", ".json.gz"))
                )
            )
        elif path.is_file():
            found.append(path)
        else:
            raise KoladaError(str(path), "does not exist")
    return found


def _upsert(
    model: type[models.Model], records: dict[str, KpiRecord | AreaRecord]
) -> tuple[int, int]:
    """Add and update catalogue rows (thousands at most, so the ORM does it)."""
    existing = model._default_manager.in_bulk(list(records))
    names = [f.name for f in fields(next(iter(records.values())))] if records else []
    new, changed = [], []
    for item in records.values():
        values: dict[str, Any] = {name: getattr(item, name) for name in names}
        obj = existing.get(item.id)
        if obj is None:
            new.append(model(**values))
        elif any(getattr(obj, k) != v for k, v in values.items()):
            for k, v in values.items():
                setattr(obj, k, v)
            changed.append(obj)
    model._default_manager.bulk_create(new, batch_size=500)
    if changed:
        model._default_manager.bulk_update(changed, [n for n in names if n != "id"], batch_size=500)
    return len(new), len(changed)


def _read_catalogue(
    run: _Run, kind: FileKind, paths: list[tuple[int, Path]]
) -> dict[str, KpiRecord | AreaRecord]:
    records: dict[str, KpiRecord | AreaRecord] = {}
    where: dict[str, str] = {}
    for file_no, path in paths:
        name = run.names[file_no]
        try:
            with EnvelopeReader(path, name) as reader:
                for index, offset, item in catalogue_records(reader, kind, run.problems):
                    if item.id in records:
                        run.problems.refuse(
                            path, name, index, reader.offset_of(index, offset), "id",
                            f"{item.id!r} is given twice in this import (first {where[item.id]})",
                        )  # fmt: skip
                        continue
                    records[item.id] = item
                    where[item.id] = f"{name} record {index}"
        except KoladaError as error:
            run.problems.add(error)
    return records


def _stage_values(
    run: _Run,
    staging: Staging,
    paths: list[tuple[int, Path]],
    known: tuple[set[str], set[str]],
    progress: Callable[[ImportProgress], None] | None,
    chunk_size: int,
    reader_process: bool | None,
) -> None:
    total = sum(p.stat().st_size for p in run.files)
    data_bytes = sum(p.stat().st_size for _, p in paths)
    # The catalogues, read first, count as done.
    before = total - data_bytes
    if reader_process is None:
        reader_process = data_bytes >= READER_PROCESS_BYTES
    encoding: Encoding = "copy" if staging.vendor == "postgresql" else "rows"
    read = read_chunks_in_child if reader_process else read_chunks
    chunks = read(
        paths, run.names, known, run.problems, chunk_size, encoding,
        withdrawals=staging.wants_withdrawals,
    )  # fmt: skip
    # Closed also when writing fails, so that a child reading ahead is stopped.
    with closing(chunks):
        for chunk in chunks:
            staging.withdraw(chunk.withdrawn, chunk.withdrawn_keys)
            if chunk.payload is None:
                staging.rows += chunk.rows
            else:
                staging.add(chunk.payload, chunk.rows)
            if progress:
                progress(ImportProgress(before + chunk.done, total, staging.rows))


class _Rollback(Exception):
    pass


def do_import_kolada(
    paths: Sequence[Path],
    *,
    acting_user: AbstractBaseUser | AnonymousUser | None,
    progress: Callable[[ImportProgress], None] | None = None,
    chunk_size: int = CHUNK_SIZE,
    reader_process: bool | None = None,
) -> ImportSummary:
    """Import Kolada files (KPI catalogue, areas, data pages; .json or .json.gz), all or nothing.

    Folders are searched for files. Each file's kind is told from its records; catalogues are
    read before data, so a data file may use KPIs and areas given in the same import. Values
    are upserted by (KPI, area, year, gender). Any refused record raises KoladaImportRefused
    after rolling everything back.

    `reader_process` reads the data files in a child process, side by side with the writing
    (None: when they are big enough for that to pay for starting it).
    """
    run = _Run(kolada_files(paths))
    run.names = {i: str(p) for i, p in enumerate(run.files)}
    run.summary.files = len(run.files)
    by_kind: dict[FileKind, list[tuple[int, Path]]] = {kind: [] for kind in FileKind}
    for file_no, path in enumerate(run.files):
        try:
            kind = detect_kind(path, run.names[file_no])
        except KoladaError as error:
            run.problems.add(error)
            continue
        if kind is not None:
            by_kind[kind].append((file_no, path))
    summary = run.summary
    try:
        with transaction.atomic():
            kpis = _read_catalogue(run, FileKind.KPI, by_kind[FileKind.KPI])
            areas = _read_catalogue(run, FileKind.AREA, by_kind[FileKind.AREA])
            summary.kpis, summary.areas = len(kpis), len(areas)
            summary.kpis_added, summary.kpis_updated = _upsert(Kpi, kpis)
            summary.areas_added, summary.areas_updated = _upsert(Area, areas)
            known = (
                set(Kpi.objects.values_list("id", flat=True)),
                set(Area.objects.values_list("id", flat=True)),
            )
            staging = Staging()
            _stage_values(
                run, staging, by_kind[FileKind.DATA], known, progress, chunk_size, reader_process
            )
            summary.values = staging.rows
            if run.problems.count:
                raise _Rollback
            # The entry first: the change set's rows point to it.
            entry = record("kolada_imported", acting_user=acting_user)
            staging.record_changes(entry.pk)
            summary.added, summary.updated = staging.merge()
            summary.unchanged = summary.values - summary.added - summary.updated
            summary.withdrawn = staging.remove_withdrawn(entry.pk)
            staging.drop()
            entry.changes = {**summary.as_dict(), "first_import": staging.first}
            entry.save(update_fields=["changes"])
    except _Rollback:
        pass
    if run.problems.count:
        summary.refused = run.problems.count
        summary.added = summary.updated = summary.unchanged = 0
        raise KoladaImportRefused(summary, run.problems.first)
    return summary


def shipped_kolada_files() -> list[Path]:
    """The real Kolada files shipped with Styr: 2,039 KPIs, 312 areas, nine KPIs' data."""
    return kolada_files([SHIPPED_DATA])


def load_shipped_kolada(*, acting_user: AbstractBaseUser | AnonymousUser | None) -> ImportSummary:
    """Import the shipped Kolada files (for the demo); running it again changes nothing."""
    return do_import_kolada([SHIPPED_DATA], acting_user=acting_user)


__all__ = [
    "ImportProgress",
    "ImportSummary",
    "KoladaError",
    "KoladaImportRefused",
    "do_import_kolada",
    "kolada_files",
    "load_shipped_kolada",
    "shipped_kolada_files",
]
