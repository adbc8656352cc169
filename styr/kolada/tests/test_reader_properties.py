"""The streaming reader gives back exactly what was written, and garbage only as KoladaError."""

import gzip
import json
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from styr.kolada.reader import EnvelopeReader, KoladaError, Problems
from styr.kolada.records import SeenKeys, value_rows

AREAS = ["0000", "0014", "1463", "1490"]
KPIS = ["N01951", "U07451"]

values = st.lists(
    st.tuples(
        st.sampled_from(KPIS),
        st.sampled_from(AREAS),
        st.integers(1990, 2030),
        st.sampled_from("TKM"),
        st.one_of(
            st.integers(-(10**17), 10**17),
            st.floats(-1e17, 1e17, allow_nan=False, allow_infinity=False),
        ),
    ),
    max_size=40,
    unique_by=lambda v: v[:4],
)


def _read(path: Path) -> tuple[list[Any], Problems]:
    problems = Problems()
    with EnvelopeReader(path) as reader:
        rows = [r[:5] for r in value_rows(reader, problems, KPIS, AREAS, SeenKeys(AREAS))]
    return rows, problems


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(values, st.sampled_from([None, 0, 2]), st.booleans())
def test_it_reads_back_every_value_written(rows, indent, compressed) -> None:
    records = [
        {"kpi": k, "municipality": a, "period": y, "values": [{"gender": g, "value": v}]}
        for k, a, y, g, v in rows
    ]
    text = json.dumps({"count": len(records), "values": records, "next_url": None}, indent=indent)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / ("page.json.gz" if compressed else "page.json")
        path.write_bytes(gzip.compress(text.encode()) if compressed else text.encode())
        read, problems = _read(path)
    assert problems.count == 0
    assert read == [tuple(r) for r in rows]


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=300), st.booleans())
def test_it_raises_only_its_own_error_on_garbage(garbage, compressed) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / ("x.json.gz" if compressed else "x.json")
        path.write_bytes(garbage)
        try:
            _read(path)
        except KoladaError as error:
            assert str(error).startswith(str(path))


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=5),
    lambda inner: st.lists(inner, max_size=3)
    | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=10,
)


@settings(max_examples=150, deadline=None)
@given(st.lists(json_values, max_size=5))
def test_it_refuses_any_odd_record_without_crashing(records) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "x.json"
        path.write_text(json.dumps({"values": records}))
        rows, problems = _read(path)
    assert len(rows) + problems.count <= sum(
        len(r["values"]) if isinstance(r, dict) and isinstance(r.get("values"), list) else 1
        for r in records
    ) + len(records)
