"""Reading in a child process gives what reading in the importing process gives: the same
rows and counts, the same errors with the same places, and nothing written on a refusal."""

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from styr.kolada import pipeline
from styr.kolada.actions import KoladaImportRefused, do_import_kolada
from styr.kolada.models import KoladaValue
from styr.kolada.pipeline import read_chunks, read_chunks_in_child
from styr.kolada.reader import Problems
from styr.kolada.tests.helpers import AREAS, answer, catalogue, record, value, write

AREA_IDS = [a["id"] for a in AREAS]
KNOWN = ({"N01951"}, set(AREA_IDS))


def _records(count: int, start: int = 1900) -> list[Any]:
    return [
        record(area=AREA_IDS[i % 3], period=start + i // 3,
               values=[value("T", float(i) + 0.25), value("K", i), value("M", None)])
        for i in range(count)
    ]  # fmt: skip


def _files(tmp_path: Path) -> list[tuple[int, Path]]:
    good = _records(250)
    bad = _records(250, start=2000)
    bad[3]["values"][0]["value"] = "tre"
    bad[200]["municipality"] = "9999"
    bad[201] = good[5]  # given twice, across files
    text = json.dumps(answer(bad), indent=1).replace('"value": 30.25', '"value": NaN')
    return [
        (0, write(tmp_path, "data/a.json", answer(good))),
        (1, write(tmp_path, "data/b.json", text)),
    ]


@pytest.mark.parametrize("encoding", ["copy", "rows"])
def test_the_child_reads_the_same_chunks_and_errors(tmp_path: Path, encoding: Any) -> None:
    paths = _files(tmp_path)
    names = {n: str(p) for n, p in paths}
    here, there = Problems(), Problems()
    # A refusal found before (a catalogue's) is kept first, and counts against the limit.
    here.refuse(paths[0][1], "kpi.json", 0, 0, "id", "earlier")
    there.refuse(paths[0][1], "kpi.json", 0, 0, "id", "earlier")
    in_process = list(read_chunks(paths, names, KNOWN, here, 40, encoding, refused_before=1))
    in_child = list(read_chunks_in_child(paths, names, KNOWN, there, 40, encoding))
    assert in_child == in_process
    assert sum(c.rows for c in in_child) == 2 * 500 - 4 * 2
    assert there.count == here.count == 5
    assert [str(e) for e in there.first] == [str(e) for e in here.first]
    assert "b.json:87:3: record 3: values[0].value: 'tre' is not a number" in str(there.first[1])


def test_chunks_carry_values_until_a_refusal(tmp_path: Path) -> None:
    paths = _files(tmp_path)
    chunks = list(read_chunks_in_child(paths, {0: "a", 1: "b"}, KNOWN, Problems(), 40, "copy"))
    # File a is good: its chunks are binary COPY; after the refusal in b nothing needs writing.
    assert all(isinstance(c.payload, bytes) for c in chunks[:13] if c.rows)
    assert chunks[-1].payload is None and chunks[-1].rows == 0
    assert chunks[-1].done == sum(p.stat().st_size for _, p in paths)


def test_the_limit_of_kept_errors_is_shared_with_the_parent(tmp_path: Path) -> None:
    paths = _files(tmp_path)
    problems = Problems(limit=3)
    for _ in range(2):
        problems.refuse(paths[0][1], "kpi.json", 0, 0, "id", "earlier")
    list(read_chunks_in_child(paths, {0: "a", 1: "b"}, KNOWN, problems, 40, "rows"))
    assert problems.count == 6 and len(problems.first) == 3


def test_a_child_that_fails_is_reported(tmp_path: Path) -> None:
    paths = _files(tmp_path)
    # Areas the child cannot use (no set at all): it fails in its own code, not on the files.
    known: Any = ({"N01951"}, None)
    with pytest.raises(pipeline.ReaderProcessFailed, match="TypeError"):
        list(read_chunks_in_child(paths, {0: "a", 1: "b"}, known, Problems(), 40, "copy"))


def test_a_child_that_ends_without_a_word_is_reported(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(pipeline.sys, "executable", "/bin/true")
    with pytest.raises(pipeline.ReaderProcessFailed, match="ended"):
        list(read_chunks_in_child(_files(tmp_path), {}, KNOWN, Problems(), 40, "copy"))


def test_a_script_without_a_main_guard_can_import_in_a_child(tmp_path: Path) -> None:
    # multiprocessing's "spawn" would run such a script again in the child, and hang.
    paths = _files(tmp_path)[:1]
    script = write(
        tmp_path,
        "script.py",
        "from pathlib import Path\n"
        "from styr.kolada.pipeline import read_chunks_in_child\n"
        "from styr.kolada.reader import Problems\n"
        f"paths = [(0, Path({str(paths[0][1])!r}))]\n"
        "known = ({'N01951'}, {'0000', '0014', '1463'})\n"
        "chunks = read_chunks_in_child(paths, {0: 'a'}, known, Problems(), 40, 'copy')\n"
        "print(sum(c.rows for c in chunks))\n",
    )
    done = subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, timeout=60, check=True
    )
    assert done.stdout.strip() == "500"


def _rows() -> list[tuple[Any, ...]]:
    return list(
        KoladaValue.objects.order_by("area", "year", "gender").values_list(
            "area_id", "year", "gender", "value"
        )
    )


@pytest.mark.django_db
def test_an_import_read_in_a_child_writes_what_one_read_here_writes(tmp_path: Path) -> None:
    data = [
        write(tmp_path, f"data/{n}.json", answer(_records(300, 1900 + n * 100))) for n in (0, 1)
    ]
    paths = [*catalogue(tmp_path), *data]
    here = do_import_kolada(paths, acting_user=None, chunk_size=70, reader_process=False)
    rows = _rows()
    KoladaValue.objects.all().delete()
    there = do_import_kolada(paths, acting_user=None, chunk_size=70, reader_process=True)
    counts = [(s.values, s.added, s.updated, s.unchanged) for s in (here, there)]
    assert counts == [(1200, 1200, 0, 0)] * 2
    assert _rows() == rows
    again = do_import_kolada(paths, acting_user=None, chunk_size=70, reader_process=True)
    assert (again.added, again.updated, again.unchanged) == (0, 0, 1200)


@pytest.mark.django_db
@pytest.mark.parametrize("empty", [True, False])
def test_a_refusal_in_a_late_chunk_read_in_a_child_writes_nothing(tmp_path: Path, empty) -> None:
    if not empty:
        KoladaValue.objects.create(kpi_id="N01951", area_id="0000", year=2199, gender="T", value=1)
    before = _rows()
    records = _records(900)
    records[-1]["values"][0]["value"] = "sent"
    data = write(tmp_path, "data/a.json", answer(records))
    paths = [*catalogue(tmp_path), data]
    errors = []
    for reader_process in (False, True):
        with pytest.raises(KoladaImportRefused, match="record 899: values") as caught:
            do_import_kolada(paths, acting_user=None, chunk_size=100, reader_process=reader_process)
        assert _rows() == before
        errors.append(([str(e) for e in caught.value.errors], caught.value.summary))
    assert errors[0] == errors[1] and errors[1][1].values == 2 * 900 - 2
