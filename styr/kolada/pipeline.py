"""Reading data files into chunks ready to write, here or in a child process.

Reading and checking a value and turning it into COPY text costs about as much CPU as the
database spends storing it. Done in a child process, the parent only passes ready chunks on to
the database, and the two run side by side. A bounded queue keeps memory flat: the child waits
when the parent is behind. Refused records are reported back as they were found, so an import
says the same whichever way it read.

This module imports nothing from Django: the child (a fresh interpreter running this module)
needs no settings and no database connection, and must not share the parent's.
"""

import os
import pickle
import queue
import subprocess
import sys
import threading
import traceback
from collections.abc import Generator, Iterable, Sequence
from pathlib import Path
from typing import Literal, NamedTuple

from styr.kolada.reader import EnvelopeReader, KoladaError, Problems, ValueRow
from styr.kolada.records import SeenKeys, value_rows

Encoding = Literal["copy", "rows"]
# Chunks waiting in the queue: enough to cover a slow moment on either side, few enough that
# memory stays flat (a chunk of 50,000 values is about 2 MB of text).
QUEUE_CHUNKS = 4
# How often a child waiting to hand over a chunk checks that its parent still reads.
WRITER_CHECK_SECONDS = 0.5

_COPY_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


class CopyText:
    """Turns value rows into COPY text (tab-separated, one row a line).

    KPI and area ids come from the catalogue, so they are checked text but not known to be free
    of tabs or backslashes: each is escaped once, up front, and looked up per row.
    """

    def __init__(self, kpis: Iterable[str] = (), areas: Iterable[str] = ()) -> None:
        self._kpi = {k: k.translate(_COPY_ESCAPES) for k in kpis}
        self._area = {a: a.translate(_COPY_ESCAPES) for a in areas}

    def __call__(self, rows: Sequence[ValueRow]) -> str:
        kpi, area = self._kpi, self._area
        try:
            return "".join(
                [f"{kpi[k]}\t{area[a]}\t{y}\t{g}\t{v}\n" for k, a, y, g, v, _, _ in rows]
            )
        except KeyError:
            # An id not given up front: escaped now, and the chunk built again.
            for k, a, *_ in rows:
                kpi.setdefault(k, k.translate(_COPY_ESCAPES))
                area.setdefault(a, a.translate(_COPY_ESCAPES))
            return self(rows)


class Chunk(NamedTuple):
    """Values ready to write: COPY text or rows; None once a record has been refused (the
    import will be rolled back, so nothing needs writing, but the values are still counted)."""

    payload: str | list[ValueRow] | None
    rows: int
    # Bytes of the data files read so far (compressed bytes for .gz), for progress.
    done: int
    # Keys (kpi, area, year, gender) Kolada gives as null or deleted: withdrawn values.
    withdrawn: tuple[tuple[str, str, int, str], ...] = ()


def read_chunks(
    paths: Sequence[tuple[int, Path]],
    names: dict[int, str],
    known: tuple[set[str], set[str]],
    problems: Problems,
    chunk_size: int,
    encoding: Encoding,
    refused_before: int = 0,
) -> Generator[Chunk, None, None]:
    """The values of the data files in chunks, and a Chunk without values after each file.

    Refused records go to `problems`; `refused_before` counts those found before (catalogues).
    """
    seen = SeenKeys(known[1])
    copy_text = CopyText(*known)
    done = 0

    withdrawn: list[tuple[str, str, int, str]] = []

    def chunk(rows: list[ValueRow], at: int) -> Chunk:
        gone = tuple(withdrawn)
        withdrawn.clear()
        if refused_before or problems.count:
            return Chunk(None, len(rows), at)
        return Chunk(copy_text(rows) if encoding == "copy" else rows, len(rows), at, gone)

    for file_no, path in paths:
        with EnvelopeReader(path, names[file_no]) as reader:
            rows: list[ValueRow] = []
            try:
                for row in value_rows(reader, file_no, problems, *known, seen):
                    if row[4] is None:
                        withdrawn.append(row[:4])
                        continue
                    rows.append(row)
                    if len(rows) >= chunk_size:
                        yield chunk(rows, done + reader.bytes_read)
                        rows = []
            except KoladaError as error:
                problems.add(error)
            if rows or withdrawn:
                yield chunk(rows, done + reader.bytes_read)
        done += path.stat().st_size
        yield Chunk(None, 0, done)


# What a KoladaError is made of: the exception itself does not survive pickling (its
# constructor takes more than its message).
_ErrorFields = tuple[str, str, int | None, int | None, int | None, str]


def _fields(error: KoladaError) -> _ErrorFields:
    return (error.file, error.message, error.record, error.line, error.column, error.field)


def _error(fields: _ErrorFields) -> KoladaError:
    file, message, record, line, column, field = fields
    return KoladaError(file, message, record=record, line=line, column=column, field=field)


def _child() -> None:
    """The child's side: arguments come pickled on stdin, messages go pickled to stdout."""
    out = sys.stdout.buffer
    try:
        args = pickle.load(sys.stdin.buffer)
        *read_args, limit, refused_before = args
        paths, names, known, chunk_size, encoding = read_args
        ready: queue.Queue[tuple[object, ...] | None] = queue.Queue(maxsize=QUEUE_CHUNKS)

        # Pickling and writing in a thread lets the reading go on while the parent is still
        # busy with earlier chunks, as far as the bounded queue allows.
        def write() -> None:
            try:
                while (message := ready.get()) is not None:
                    pickle.dump(message, out, protocol=pickle.HIGHEST_PROTOCOL)
                    out.flush()
            except (BrokenPipeError, OSError):
                pass  # the parent is gone: the reading side sees the thread end, and stops

        writer = threading.Thread(target=write, daemon=True)
        writer.start()

        def put(message: tuple[object, ...] | None) -> None:
            # Never wait on a full queue for a writer that has died with its parent (a killed
            # import): that wait would last for ever and leave this process behind.
            while True:
                try:
                    ready.put(message, timeout=WRITER_CHECK_SECONDS)
                    return
                except queue.Full:
                    if not writer.is_alive():
                        raise BrokenPipeError("the importing process has gone") from None

        problems = Problems(limit=limit)
        for chunk in read_chunks(
            paths, names, known, problems, chunk_size, encoding, refused_before
        ):
            put(("chunk", chunk))
        put(("end", problems.count, [_fields(e) for e in problems.first]))
        put(None)
        writer.join()
    except BrokenPipeError:
        pass  # the parent stopped reading (gave up, or was killed): it says why itself
    except BaseException:
        pickle.dump(("crash", traceback.format_exc()), out)
        out.flush()


class ReaderProcessFailed(Exception):
    """The child reading the files failed on something other than the files (a bug, no memory)."""


def read_chunks_in_child(
    paths: Sequence[tuple[int, Path]],
    names: dict[int, str],
    known: tuple[set[str], set[str]],
    problems: Problems,
    chunk_size: int,
    encoding: Encoding,
) -> Generator[Chunk, None, None]:
    """As read_chunks (refusals are added to `problems` at the end), read by a child process.

    Close the generator when done with it (contextlib.closing): that stops the child if the
    parent gives up early.
    """
    # A plain interpreter running this module, not multiprocessing: its "spawn" runs the
    # parent's main script again in the child, which hangs an import started from a script
    # without a __main__ guard; "fork" would copy the parent's database connection.
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in sys.path if p)}
    child = subprocess.Popen(
        [sys.executable, "-m", __name__], stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env
    )
    assert child.stdin is not None and child.stdout is not None
    limit = max(problems.limit - len(problems.first), 0)
    try:
        args = (list(paths), names, known, chunk_size, encoding, limit, problems.count)
        try:
            pickle.dump(args, child.stdin, protocol=pickle.HIGHEST_PROTOCOL)
            child.stdin.close()
        except BrokenPipeError:
            pass  # the child is gone already: said below, when it gives no answer
        while True:
            try:
                message = pickle.load(child.stdout)
            except EOFError:
                raise ReaderProcessFailed(
                    f"the process reading the Kolada files ended (exit code {child.wait()})"
                ) from None
            if message[0] == "chunk":
                yield message[1]
            elif message[0] == "end":
                count, first = message[1], message[2]
                problems.count += count
                problems.first.extend(_error(fields) for fields in first)
                break
            else:
                raise ReaderProcessFailed(f"reading the Kolada files failed:\n{message[1]}")
        child.wait()
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
        child.stdout.close()


if __name__ == "__main__":
    # Run as imported, so that the chunks it pickles name styr.kolada.pipeline.Chunk, not
    # __main__.Chunk.
    from styr.kolada.pipeline import _child as child

    child()
