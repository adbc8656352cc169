"""Values go to PostgreSQL as binary COPY: every id as it is (a tab, a backslash, a letter
beyond ASCII need no escaping) and every double bit for bit, on either database."""

import json
import struct
from pathlib import Path
from typing import Any

import pytest

from styr.kolada import pgcopy
from styr.kolada.actions import do_import_kolada
from styr.kolada.models import KoladaValue
from styr.kolada.tests.helpers import AREAS, KPIS, answer, record, value, write


def _decode(payload: bytes, types: str) -> list[tuple[Any, ...]]:
    """PostgreSQL's side of the binary format, for the column types given (t, h, d)."""
    assert payload.startswith(pgcopy.HEADER) and payload.endswith(pgcopy.TRAILER)
    at, end, rows = len(pgcopy.HEADER), len(payload) - len(pgcopy.TRAILER), []
    while at < end:
        (fields,) = struct.unpack_from(">h", payload, at)
        assert fields == len(types)
        at += 2
        row: list[Any] = []
        for kind in types:
            (length,) = struct.unpack_from(">i", payload, at)
            data = payload[at + 4 : at + 4 + length]
            at += 4 + length
            if kind == "t":
                row.append(data.decode())
            else:
                (number,) = struct.unpack(f">{kind}", data)
                row.append(number)
        rows.append(tuple(row))
    return rows


def test_it_writes_each_row_as_postgresql_reads_it() -> None:
    rows = [
        ("N\\1\tä", "1463", 2020, "T", 83.61861234567891),
        ("U07451", "0000", 1900, "M", 7.355e-05),
        ("U07451", "0000", 2200, "K", 35201),  # a JSON integer: a double too
    ]
    decoded = _decode(pgcopy.value_rows(rows), "tthtd")
    assert decoded == [(k, a, y, g, float(v)) for k, a, y, g, v in rows]
    assert _decode(pgcopy.key_rows([r[:4] for r in rows]), "ttht") == [r[:4] for r in rows]


@pytest.mark.django_db
@pytest.mark.parametrize("reader_process", [False, True])
def test_it_stores_odd_ids_and_long_fractions_exactly(tmp_path: Path, reader_process) -> None:
    odd = "N\\1\tä"
    kpis = [*KPIS, {**KPIS[0], "id": odd}]
    numbers = [83.61861234567891, 0.1 + 0.2, 7.355e-05, 1234567.123456789]
    data = write(tmp_path, "data/page.json", answer([
        record(area="1463", period=2000 + n, values=[value("T", number)]) | {"kpi": odd}
        for n, number in enumerate(numbers)
    ]))  # fmt: skip
    files = [
        write(tmp_path, "kpi.json", json.dumps(answer(kpis))),
        write(tmp_path, "municipality.json", answer(AREAS)),
        data,
    ]
    summary = do_import_kolada(files, acting_user=None, reader_process=reader_process)
    assert summary.added == len(numbers)
    stored = KoladaValue.objects.filter(kpi_id=odd).order_by("year")
    assert [v.value for v in stored] == numbers
