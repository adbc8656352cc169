"""Reading data files into chunks ready to write, here or in a child process.

Reading and checking a value and turning it into a row of binary COPY costs about as much CPU
as the database spends storing it. Done in a child process, the parent only passes ready chunks
on to the database, and the two run side by side. A bounded queue keeps memory flat: the child waits
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
from collections.abc import Generator, Sequence
from pathlib import Path
from typing import Any, Literal, NamedTuple

from styr.kolada import pgcopy
from styr.kolada.pgcopy import RowHeads
from styr.kolada.reader import EnvelopeReader, KoladaError, Problems, ValueRow
from styr.kolada.records import Key, SeenKeys, read_values

Encoding = Literal["copy", "rows"]
# Chunks waiting in the queue: enough to cover a slow moment on either side, few enough that
# memory stays flat (a chunk of 50,000 values is about 2 MB of binary COPY).
QUEUE_CHUNKS = 4
# How often a child waiting to hand over a chunk checks that its parent still reads.
WRITER_CHECK_SECONDS = 0.5


class Chunk(NamedTuple):
    """Values ready to write: binary COPY (see pgcopy) or rows; None once a record has been
    refused (the import will be rolled back, so nothing needs writing, but the values are still
    counted)."""

    payload: bytes | list[ValueRow] | None
    rows: int
    # Bytes of the data files read so far (compressed bytes for .gz), for progress.
    done: int
    # Keys Kolada gives as null or deleted (withdrawn values), encoded as the payload: binary
    # COPY of (kpi, area, year, gender) or those tuples. None when they are not wanted (a first
    # import has nothing to withdraw) or a record has been refused.
    withdrawn: bytes | list[Key] | None = None
    withdrawn_keys: int = 0


def read_chunks(
    paths: Sequence[tuple[int, Path]],
    names: dict[int, str],
    known: tuple[set[str], set[str]],
    problems: Problems,
    chunk_size: int,
    encoding: Encoding,
    refused_before: int = 0,
    withdrawals: bool = True,
) -> Generator[Chunk, None, None]:
    """The values of the data files in chunks, and a Chunk without values after each file.

    Refused records go to `problems`; `refused_before` counts those found before (catalogues).
    `withdrawals`: whether to pass on the keys Kolada gives as null or deleted; each chunk
    carries those read since the last, so that they too are written as they come and never
    pile up in memory (a fifth of Kolada's values are null).
    """
    binary = RowHeads() if encoding == "copy" else None
    numbers: list[Any] = []
    withdrawn: list[Key] = []
    done = 0

    def chunk(values: list[Any], at: int) -> Chunk:
        if refused_before or problems.count:
            withdrawn.clear()
            return Chunk(None, len(values), at)
        gone: bytes | list[Key] | None = None
        keys = len(withdrawn)
        if keys:
            gone = pgcopy.key_rows(withdrawn) if binary is not None else withdrawn.copy()
            withdrawn.clear()
        if binary is not None:
            payload = b"".join([pgcopy.HEADER, *values, pgcopy.TRAILER])
            return Chunk(payload, len(values), at, gone, keys)
        return Chunk(values, len(values), at, gone, keys)

    with SeenKeys(known[1]) as seen:
        for file_no, path in paths:
            with EnvelopeReader(path, names[file_no]) as reader:
                try:
                    for _ in read_values(
                        reader, problems, *known, seen, numbers,
                        withdrawn if withdrawals else None, binary,
                    ):  # fmt: skip
                        while len(numbers) >= chunk_size:
                            yield chunk(numbers[:chunk_size], done + reader.bytes_read)
                            del numbers[:chunk_size]
                except KoladaError as error:
                    problems.add(error)
                if numbers or withdrawn:
                    yield chunk(numbers[:], done + reader.bytes_read)
                    numbers.clear()
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
        paths, names, known, chunk_size, encoding, limit, refused_before, withdrawals = args
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
            paths, names, known, problems, chunk_size, encoding, refused_before, withdrawals
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
    withdrawals: bool = True,
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
        args = (list(paths), names, known, chunk_size, encoding, limit, problems.count, withdrawals)
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
