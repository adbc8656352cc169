"""The fast paths (batched decoding, COPY straight into an empty table) say and do what the
slow ones do: same rows, same counts, same errors with the same places, nothing written."""

import json
from pathlib import Path
from typing import Any

import pytest
from django.db import connection

from styr.kolada import reader as reader_module
from styr.kolada.actions import KoladaImportRefused, do_import_kolada
from styr.kolada.models import KoladaValue
from styr.kolada.reader import EnvelopeReader, Problems
from styr.kolada.records import SeenKeys, value_rows
from styr.kolada.tests.helpers import AREAS, answer, catalogue, record, value, write

AREA_IDS = [a["id"] for a in AREAS]


def _records(count: int, start: int = 1990) -> list[Any]:
    return [
        record(area=AREA_IDS[i % 3], period=start + i // 3,
               values=[value("T", float(i)), value("K", i), value("M", None)])
        for i in range(count)
    ]  # fmt: skip


def _read(path: Path) -> tuple[list[Any], list[str], int]:
    problems = Problems()
    with EnvelopeReader(path) as reader:
        rows = list(value_rows(reader, problems, ["N01951"], AREA_IDS, SeenKeys(AREA_IDS)))
    # Numbers only: the nulls (withdrawn values) are read the same way, and counted elsewhere.
    numbers = [r for r in rows if r[4] is not None]
    return numbers, [str(e) for e in problems.first], problems.count


def _both_ways(path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Any, Any]:
    fast = _read(path)
    with monkeypatch.context() as patch:
        patch.setattr(reader_module, "MAX_BATCH_MISSES", 0)
        slow = _read(path)
    return fast, slow


@pytest.mark.parametrize("indent", [None, 1])
def test_batches_read_what_one_by_one_reads(tmp_path: Path, monkeypatch, indent) -> None:
    records = _records(600)
    records[7]["values"][0]["value"] = "sju"  # refused inside a batch
    records[400]["period"] = 1066
    records[401] = records[2]  # given twice
    text = json.dumps(answer(records), indent=indent)
    text = text.replace('"value": 300.0', '"value": NaN')  # orjson refuses NaN: one by one
    path = write(tmp_path, "page.json", text)
    fast, slow = _both_ways(path, monkeypatch)
    assert fast == slow
    rows, errors, count = fast
    assert count == 4 and len(rows) == 2 * 600 - 8
    assert any("record 7: values[0].value: 'sju' is not a number" in e for e in errors)
    assert any("record 300: values[0].value: NaN is not a number" in e for e in errors)


def test_a_string_that_looks_like_a_record_start_does_not_fool_the_batch(
    tmp_path: Path, monkeypatch
) -> None:
    records = _records(300)
    records[5]["note"] = '}, {"kpi": "N01951", "municipality": "1463"'
    records[250]["note"] = '{"kpi": '
    path = write(tmp_path, "page.json", json.dumps(answer(records)))
    fast, slow = _both_ways(path, monkeypatch)
    assert fast == slow and fast[2] == 0 and len(fast[0]) == 600


def test_a_big_file_crosses_buffer_refills_the_same_way(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(reader_module, "CHUNK", 4096)
    records = _records(890, start=1900)
    records[777]["values"][1]["value"] = [1]
    path = write(tmp_path, "page.json", json.dumps(answer(records)))
    fast, slow = _both_ways(path, monkeypatch)
    assert fast == slow
    assert "record 777: values[1].value: [1] is not a number" in fast[1][0]


def _import(paths: list[Path]) -> tuple[int, int, int]:
    summary = do_import_kolada(paths, acting_user=None)
    return summary.added, summary.updated, summary.unchanged


def _rows() -> list[tuple[Any, ...]]:
    return list(
        KoladaValue.objects.order_by("area", "year", "gender").values_list(
            "area_id", "year", "gender", "value"
        )
    )


@pytest.mark.django_db
@pytest.mark.parametrize("pg_version", [None, 140000])
def test_first_import_and_merge_give_the_same_counts_and_rows(
    tmp_path: Path, monkeypatch, pg_version
) -> None:
    if pg_version is not None:
        if connection.vendor != "postgresql":
            pytest.skip("PostgreSQL 14 has no MERGE: its UPDATE and INSERT merge")
        monkeypatch.setattr(connection, "pg_version", pg_version)
    data = write(tmp_path, "data/a.json", answer(_records(90)))
    # Into an empty table (PostgreSQL copies straight into it) ...
    assert _import([*catalogue(tmp_path), data]) == (180, 0, 0)
    first = _rows()
    KoladaValue.objects.all().delete()
    # ... and through the merge, once a row of another year is there.
    KoladaValue.objects.create(kpi_id="N01951", area_id="0000", year=2100, gender="T", value=1)
    assert _import([*catalogue(tmp_path), data]) == (180, 0, 0)
    assert [r for r in _rows() if r[1] != 2100] == first
    changed = _records(90)
    changed[4]["values"][0]["value"] = 4.5
    changed.append(record(area="1463", period=2099, values=[value("M", 2)]))
    again = write(tmp_path, "data/a.json", answer(changed))
    assert _import([again]) == (1, 1, 179)
    assert KoladaValue.objects.get(area_id="0014", year=1991, gender="T").value == 4.5


@pytest.mark.django_db
@pytest.mark.parametrize("empty", [True, False])
def test_an_error_in_a_late_chunk_leaves_the_table_as_it_was(tmp_path: Path, empty) -> None:
    if not empty:
        KoladaValue.objects.create(kpi_id="N01951", area_id="0000", year=2100, gender="T", value=1)
    before = _rows()
    records = _records(900, start=1900)
    records[-1]["values"][0]["value"] = "sent"
    data = write(tmp_path, "data/a.json", answer(records))
    with pytest.raises(KoladaImportRefused, match="record 899: values"):
        do_import_kolada([*catalogue(tmp_path), data], acting_user=None, chunk_size=100)
    assert _rows() == before
