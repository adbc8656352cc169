"""Streaming reader for files in the Kolada API v3 JSON shape.

Every Kolada answer is one JSON object whose "values" list holds the records: KPI catalogue
entries (`/v3/kpi`), areas (`/v3/municipality`) or data (`/v3/data/...`). The reader walks that
list one record at a time with the standard library's own JSON scanner over a sliding buffer, so
memory stays flat however long the file is; `.json.gz` files are read through gzip.

A structural fault (not JSON, truncated, no "values" list) stops the file and raises
KoladaError. A record that is JSON but wrong (a missing field, text where a number belongs, NaN,
an unknown gender) is refused on its own, so that one run reports many of them.
"""

import gzip
import io
import json
import re
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from enum import Enum
from pathlib import Path
from typing import Any

import orjson

from styr.kolada.limits import VALUE_LIMIT

CHUNK = 1 << 20
# A bigger record than this is refused rather than buffered: it keeps memory bounded on garbage.
MAX_RECORD = 8 << 20
FIRST_YEAR = 1900
LAST_YEAR = 2200
GENDERS = frozenset({"T", "K", "M"})
AREA_TYPES = frozenset({"K", "L"})
KPI_AREA_TYPES = frozenset({"K", "L", "A"})
# Floats compare fast; the limit itself is refused (numeric(24, 6) holds up to 10^18 - 1e-6).
_LIMIT = float(VALUE_LIMIT)

_WS = re.compile(r"[ \t\n\r]*")
_DECODER = json.JSONDecoder()
_loads = orjson.loads
# A record's opening brace and first key, e.g. '{"kpi":', to find where records may start.
_RECORD_HEAD = re.compile(r'\{[ \t\n\r]*"[^"\\]{1,40}"[ \t\n\r]*:')
# After this many records in a row that could not be read in a batch, a file is read one by one.
MAX_BATCH_MISSES = 64

# One value row: (kpi, area, year, gender, value); value None: Kolada withdrew it. Nothing
# more: where a row was read is needed only while it is checked, and every field more is
# carried, pickled and written millions of times.
ValueRow = tuple[str, str, int, str, float | int | None]


class KoladaError(Exception):
    """A Kolada file or record that cannot be imported, with where it is."""

    def __init__(
        self,
        file: str,
        message: str,
        *,
        record: int | None = None,
        line: int | None = None,
        column: int | None = None,
        field: str = "",
    ) -> None:
        self.file = file
        self.message = message
        self.record = record
        self.line = line
        self.column = column
        self.field = field
        super().__init__(str(self))

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}:{self.column}"
        if self.record is not None:
            where += f": record {self.record}"
        if self.field:
            where += f": {self.field}"
        return f"{where}: {self.message}"


class FileKind(Enum):
    KPI = "kpi"
    AREA = "area"
    DATA = "data"


@dataclass(frozen=True)
class KpiRecord:
    id: str
    title: str
    description: str
    operating_area: str
    perspective: str
    auspice: str
    is_divided_by_gender: bool
    municipality_type: str
    publication_date: date | None
    has_ou_data: bool


@dataclass(frozen=True)
class AreaRecord:
    id: str
    title: str
    type: str


def line_column(path: Path, offset: int) -> tuple[int, int]:
    """The 1-based line and column of a character offset (read again: errors are rare)."""
    line, column, seen = 1, 1, 0
    try:
        with _open_text(path, errors="replace") as text:
            while seen < offset:
                chunk = text.read(min(CHUNK, offset - seen))
                if not chunk:
                    break
                newlines = chunk.count("\n")
                if newlines:
                    line += newlines
                    column = len(chunk) - chunk.rfind("\n")
                else:
                    column += len(chunk)
                seen += len(chunk)
    except (OSError, EOFError, zlib.error):
        pass
    return line, column


def _open_text(path: Path, errors: str = "strict") -> io.TextIOWrapper:
    binary: Any = open(path, "rb")  # noqa: SIM115 - closed through the wrapper
    if path.name.endswith(".gz"):
        binary = gzip.GzipFile(fileobj=binary, mode="rb")
    # newline="" keeps offsets true to the file (no \r\n translation).
    return io.TextIOWrapper(binary, encoding="utf-8", errors=errors, newline="")


@dataclass
class Problems:
    """Refused records: all are counted, the first few are kept with where they are."""

    limit: int = 20
    count: int = 0
    first: list[KoladaError] = field(default_factory=list)

    def add(self, error: KoladaError) -> None:
        self.count += 1
        if len(self.first) < self.limit:
            self.first.append(error)

    def refuse(
        self, path: Path, name: str, index: int, offset: int, field: str, message: str
    ) -> None:
        self.count += 1
        if len(self.first) < self.limit:
            line, column = line_column(path, offset)
            self.first.append(
                KoladaError(name, message, record=index, line=line, column=column, field=field)
            )


class EnvelopeReader:
    """Yields the records of one Kolada answer's "values" list, one at a time."""

    def __init__(self, path: Path, name: str | None = None) -> None:
        self.path = path
        self.name = name or str(path)
        self._raw = open(path, "rb")  # noqa: SIM115 - closed in close()
        binary: Any = self._raw
        if path.name.endswith(".gz"):
            binary = gzip.GzipFile(fileobj=self._raw, mode="rb")
        self._text = io.TextIOWrapper(binary, encoding="utf-8", newline="")
        self._buf = ""
        self._pos = 0
        self._base = 0
        self._eof = False
        self._batch_text = ""
        self._batch_base = 0
        self._batch_index = 0

    def close(self) -> None:
        self._text.close()

    def __enter__(self) -> "EnvelopeReader":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def bytes_read(self) -> int:
        """How far into the file on disk (compressed bytes for .gz): for progress."""
        try:
            return self._raw.tell()
        except (OSError, ValueError):
            return 0

    def error(self, message: str, offset: int | None = None, field: str = "") -> KoladaError:
        at = self._base + self._pos if offset is None else offset
        line, column = line_column(self.path, at)
        return KoladaError(self.name, message, line=line, column=column, field=field)

    def _fill(self) -> bool:
        if self._eof:
            return False
        try:
            chunk = self._text.read(CHUNK)
        except UnicodeDecodeError:
            raise self.error("is not UTF-8 text", offset=self._base + len(self._buf)) from None
        except (OSError, EOFError, zlib.error) as exc:
            raise self.error(
                f"cannot be read ({exc})", offset=self._base + len(self._buf)
            ) from None
        if not chunk:
            self._eof = True
            return False
        if self._pos:
            self._base += self._pos
            self._buf = self._buf[self._pos :] + chunk
            self._pos = 0
        else:
            self._buf += chunk
        return True

    def _next_char(self) -> str:
        """Skip white space; the next character, or "" at the end of the file."""
        while True:
            match = _WS.match(self._buf, self._pos)
            self._pos = match.end() if match else self._pos
            if self._pos < len(self._buf):
                return self._buf[self._pos]
            if not self._fill():
                return ""

    def _value(self) -> Any:
        while True:
            try:
                value, end = _DECODER.raw_decode(self._buf, self._pos)
            except json.JSONDecodeError as exc:
                if not self._eof and len(self._buf) - self._pos <= MAX_RECORD and self._fill():
                    continue
                if (self._eof and exc.pos >= len(self._buf) - 1) or "Unterminated" in exc.msg:
                    raise self.error(
                        f"the file ends inside a JSON value: truncated? ({exc.msg})",
                        offset=self._base + exc.pos,
                    ) from None
                raise self.error(
                    f"is not valid JSON: {exc.msg}", offset=self._base + exc.pos
                ) from None
            except (ValueError, RecursionError) as exc:
                raise self.error(f"is not valid JSON: {exc}") from None
            # A number that ends with the buffer may go on in the next chunk.
            if end == len(self._buf) and not self._eof and self._fill():
                continue
            self._pos = end
            return value

    def _expect(self, char: str, what: str) -> None:
        found = self._next_char()
        if found != char:
            got = "the end of the file (truncated?)" if found == "" else repr(found)
            raise self.error(f"expected {what} but found {got}")
        self._pos += 1

    def records(self, batched: bool = True) -> Iterator[tuple[int, int, Any]]:
        """(index, character offset, decoded record) for each record of "values".

        `batched=False` decodes one record at a time: for a look at the first record only.
        """
        for first, offset, batch in self.batches(batched):
            for index, record in enumerate(batch, first):
                yield index, offset, record

    def batches(self, batched: bool = True) -> Iterator[tuple[int, int, list[Any]]]:
        """(index of the first, character offset, decoded records) for the records of "values",
        many at a time (offset -1, see offset_of) where they decode as one, else one by one.

        A loop over each batch's list costs less than a generator's step for each record.
        """
        self._expect("{", "'{' (a Kolada answer is a JSON object)")
        seen_values = False
        char = self._next_char()
        if char == "}":
            self._pos += 1
            char = ","  # no keys at all: "values" is missing, said below
        else:
            while True:
                if char != '"':
                    got = "the end of the file (truncated?)" if char == "" else repr(char)
                    raise self.error(f"expected a key in quotes but found {got}")
                key = self._value()
                self._expect(":", "':'")
                if key == "values":
                    if self._next_char() != "[":
                        raise self.error("is not a list", field="values")
                    seen_values = True
                    self._pos += 1
                    yield from self._list(batched)
                else:
                    self._next_char()
                    self._value()  # count, next_url, previous_url: not needed
                char = self._next_char()
                if char == ",":
                    self._pos += 1
                    char = self._next_char()
                    continue
                if char == "}":
                    self._pos += 1
                    break
                got = "the end of the file (truncated?)" if char == "" else repr(char)
                raise self.error(f"expected ',' or '}}' but found {got}")
        if self._next_char() != "":
            raise self.error("has more after the JSON object")
        if not seen_values:
            raise self.error('has no "values" list (not a Kolada API answer)')

    def _list(self, batched: bool) -> Iterator[tuple[int, int, list[Any]]]:
        char = self._next_char()
        if char == "]":
            self._pos += 1
            return
        index = 0
        misses = 0 if batched else MAX_BATCH_MISSES
        # Records before this offset are read one by one: a batch over them failed.
        slow_until = 0
        while True:
            if char == "":
                raise self.error("the file ends inside the values list (truncated?)")
            offset = self._base + self._pos
            if misses < MAX_BATCH_MISSES and offset >= slow_until:
                batch, failed_at = self._batch(index)
                if batch is not None:
                    misses = 0
                    yield index, -1, batch
                    index += len(batch)
                    char = self._next_char()
                    continue
                misses += 1
                slow_until = failed_at
            yield index, offset, [self._value()]
            index += 1
            char = self._next_char()
            if char == ",":
                self._pos += 1
                char = self._next_char()
                continue
            if char == "]":
                self._pos += 1
                return
            got = "the end of the file (truncated?)" if char == "" else repr(char)
            raise self.error(f"expected ',' or ']' after record {index - 1} but found {got}")

    def _batch(self, index: int) -> tuple[list[Any] | None, int]:
        """The records from here to the last record that starts in the buffer, in one parse.

        Decoding one record at a time costs more in calls than in parsing. So the buffer is
        cut before the last place where a record seems to start (its first key, as this one's),
        and the records before it are decoded as one JSON list. The cut is right if that
        parses: a cut inside a string or a nested value leaves something open, which does not.
        Else (None, offset to read one by one up to).
        """
        buf, pos = self._buf, self._pos
        head = _RECORD_HEAD.match(buf, pos)
        if head is None:
            return None, 0
        end = buf.rfind(head.group(), head.end())
        if end < 0:
            return None, 0
        text = buf[pos:end].rstrip(" \t\n\r")
        if not text.endswith(","):
            return None, self._base + end
        try:
            batch = _loads(f"[{text[:-1]}]")
        except ValueError:
            # Not JSON as orjson reads it (also NaN, huge integers): the slow path decides.
            return None, self._base + end
        if type(batch) is not list:
            return None, self._base + end
        self._batch_text = text
        self._batch_base = self._base + pos
        self._batch_index = index
        self._pos = end
        return batch, 0

    def offset_of(self, index: int, offset: int) -> int:
        """The character offset of a record `records()` gave as (index, offset).

        Records of a batch come with offset -1: where one starts is found again only when it
        is refused, by walking the batch (the current one, as the record is).
        """
        if offset >= 0:
            return offset
        text, at = self._batch_text, 0
        for _ in range(index - self._batch_index):
            at = _DECODER.raw_decode(text, _WS.match(text, at).end())[1]  # type: ignore[union-attr]
            at = _WS.match(text, at).end() + 1  # type: ignore[union-attr]
        return self._batch_base + _WS.match(text, at).end()  # type: ignore[union-attr]


def detect_kind(path: Path, name: str | None = None) -> FileKind | None:
    """What a file holds, from its first record; None for an empty "values" list."""
    with EnvelopeReader(path, name) as reader:
        # One record, not a batch: a batch would decode the first megabyte, for nothing.
        for index, offset, record in reader.records(batched=False):
            if isinstance(record, dict):
                if "kpi" in record or "period" in record:
                    return FileKind.DATA
                if "operating_area" in record or "is_divided_by_gender" in record:
                    return FileKind.KPI
                if "type" in record:
                    return FileKind.AREA
            line, column = line_column(path, reader.offset_of(index, offset))
            raise KoladaError(
                reader.name,
                "is neither a KPI, an area nor a data record, so the kind of file is unknown",
                record=index,
                line=line,
                column=column,
            )
    return None
