"""PostgreSQL's binary COPY format for Kolada values and keys.

Binary, not text: a float goes in as its eight bytes (struct.pack), where COPY text needs its
shortest repr, which cost three times as much as all the rest of a row's encoding, and
PostgreSQL then parses that text back. The double stored is the one Kolada's JSON gave, bit for
bit. Ids are length-prefixed, so no character in them needs escaping.

A row is a 16-bit field count, then each field as a 32-bit length and its bytes, big-endian:
kpi_id and area_id (UTF-8 text), year (int2), gender (text), value (float8). The columns must be
of exactly these types (the staging and value tables' are). This module imports nothing from
Django: the reading child uses it.
"""

import struct
from collections.abc import Sequence

from styr.kolada.reader import FIRST_YEAR, LAST_YEAR

HEADER = b"PGCOPY\n\xff\r\n\x00" + struct.pack(">ii", 0, 0)
TRAILER = struct.pack(">h", -1)
VALUE_COLUMNS = 5
KEY_COLUMNS = 4
# The double's length and the double: appended to a row's head and gender.
pack_value = struct.Struct(">d").pack
# Gender T, K, M (by their bit in records._GENDER_BIT) and the value's length that follows.
GENDER_FIELDS = tuple(struct.pack(">i", 1) + g + struct.pack(">i", 8) for g in (b"T", b"K", b"M"))
_KEY_GENDER = {g: struct.pack(">i", 1) + g.encode() for g in "TKM"}
# The year's field (length and int2), by year - FIRST_YEAR.
YEAR_FIELDS = tuple(struct.pack(">ih", 2, y) for y in range(FIRST_YEAR, LAST_YEAR + 1))


def _text(value: str) -> bytes:
    data = value.encode()
    return struct.pack(">i", len(data)) + data


class RowHeads:
    """The fields of a row before its gender: field count, KPI, area and year.

    A record's values share them: built once per record from ids(kpi, area), which changes
    only from area to area, and YEAR_FIELDS.
    """

    def __init__(self, columns: int = VALUE_COLUMNS) -> None:
        self._count = struct.pack(">h", columns)
        # Bounded: a file of one area's many KPIs would otherwise keep every pair.
        self._ids: dict[tuple[str, str], bytes] = {}

    def ids(self, kpi: str, area: str) -> bytes:
        """The field count, KPI and area fields."""
        ids = self._ids.get((kpi, area))
        if ids is None:
            if len(self._ids) >= 4096:
                self._ids.clear()
            ids = self._ids[(kpi, area)] = self._count + _text(kpi) + _text(area)
        return ids

    def __call__(self, kpi: str, area: str, year: int) -> bytes:
        return self.ids(kpi, area) + YEAR_FIELDS[year - FIRST_YEAR]


def value_rows(rows: Sequence[tuple[str, str, int, str, float | int]]) -> bytes:
    """A whole COPY payload of (kpi, area, year, gender, value) rows (tests, small batches)."""
    head = RowHeads()
    genders = {"T": GENDER_FIELDS[0], "K": GENDER_FIELDS[1], "M": GENDER_FIELDS[2]}
    return b"".join(
        [HEADER, *(head(k, a, y) + genders[g] + pack_value(v) for k, a, y, g, v in rows), TRAILER]
    )


_KEY_HEADS = RowHeads(KEY_COLUMNS)


def key_rows(keys: Sequence[tuple[str, str, int, str]]) -> bytes:
    """A whole COPY payload of (kpi, area, year, gender) keys."""
    out = [HEADER]
    gender = _KEY_GENDER
    last: tuple[str, str] | None = None
    ids = b""
    for kpi, area, year, g in keys:
        # Keys come area by area: the ids' fields are looked up when they change.
        if (kpi, area) != last:
            last = (kpi, area)
            ids = _KEY_HEADS.ids(kpi, area)
        out.append(ids + YEAR_FIELDS[year - FIRST_YEAR] + gender[g])
    out.append(TRAILER)
    return b"".join(out)
