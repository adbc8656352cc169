"""Checking the records a Kolada file holds: catalogue entries, areas and data values.

The reader (reader.py) finds the records; this module says whether each is right, turns it
into what the import stores, and refuses a wrong one with the field it concerns.
"""

import os
import tempfile
from collections.abc import Container, Iterable, Iterator
from datetime import date
from typing import IO, Any

from styr.kolada.pgcopy import GENDER_FIELDS, YEAR_FIELDS, RowHeads, pack_value
from styr.kolada.reader import (
    _LIMIT,
    AREA_TYPES,
    FIRST_YEAR,
    KPI_AREA_TYPES,
    LAST_YEAR,
    AreaRecord,
    EnvelopeReader,
    FileKind,
    KpiRecord,
    Problems,
    ValueRow,
)


class _Refused(Exception):
    def __init__(self, field: str, message: str) -> None:
        self.field = field
        self.message = message


def _text(record: dict[str, Any], key: str, *, max_length: int, required: bool = True) -> str:
    if key not in record:
        if required:
            raise _Refused(key, "is missing")
        return ""
    value = record[key]
    if value is None and not required:
        return ""
    if not isinstance(value, str):
        raise _Refused(key, f"{value!r} is not text")
    if required and not value.strip():
        raise _Refused(key, "is empty")
    if len(value) > max_length:
        raise _Refused(key, f"is {len(value)} characters long (at most {max_length})")
    return value


def _flag(record: dict[str, Any], key: str) -> bool:
    value = record.get(key)
    if value is None:
        return False
    if value in (0, 1) and isinstance(value, int):
        return bool(value)
    raise _Refused(key, f"{value!r} is not true/false (or 1/0)")


def _kpi(record: dict[str, Any]) -> KpiRecord:
    published: date | None = None
    raw_date = record.get("publication_date")
    if raw_date is not None:
        try:
            published = date.fromisoformat(raw_date) if isinstance(raw_date, str) else None
        except ValueError:
            published = None
        if published is None:
            raise _Refused("publication_date", f"{raw_date!r} is not a date (YYYY-MM-DD)")
    scope = _text(record, "municipality_type", max_length=1, required=False)
    if scope and scope not in KPI_AREA_TYPES:
        raise _Refused("municipality_type", f"{scope!r} is not K, L or A")
    return KpiRecord(
        id=_text(record, "id", max_length=10),
        title=_text(record, "title", max_length=500),
        description=_text(record, "description", max_length=100_000, required=False),
        operating_area=_text(record, "operating_area", max_length=300, required=False),
        perspective=_text(record, "perspective", max_length=100, required=False),
        auspice=_text(record, "auspice", max_length=5, required=False),
        is_divided_by_gender=_flag(record, "is_divided_by_gender"),
        municipality_type=scope,
        publication_date=published,
        has_ou_data=_flag(record, "has_ou_data"),
    )


def _area(record: dict[str, Any]) -> AreaRecord:
    area_id = _text(record, "id", max_length=4)
    if len(area_id) != 4 or not area_id.isdigit():
        raise _Refused("id", f"{area_id!r} is not a Kolada area id (four digits)")
    kind = _text(record, "type", max_length=1)
    if kind not in AREA_TYPES:
        raise _Refused("type", f"{kind!r} is not K (municipality) or L (region)")
    return AreaRecord(id=area_id, title=_text(record, "title", max_length=200), type=kind)


def catalogue_records(
    reader: EnvelopeReader, kind: FileKind, problems: Problems
) -> Iterator[tuple[int, int, KpiRecord | AreaRecord]]:
    """(index, offset, record) of each good catalogue record; bad ones go to `problems`."""
    parse = _kpi if kind is FileKind.KPI else _area
    for index, offset, record in reader.records():
        try:
            if not isinstance(record, dict):
                raise _Refused("", "is not a JSON object")
            yield index, offset, parse(record)
        except _Refused as refused:
            at = reader.offset_of(index, offset)
            problems.refuse(reader.path, reader.name, index, at, refused.field, refused.message)


def _number(value: Any) -> float | int:
    kind = type(value)
    if kind is float or kind is int:
        if -_LIMIT < value < _LIMIT:
            return value
        if value != value:
            raise _Refused("value", "NaN is not a number")
        if kind is float and value in (float("inf"), float("-inf")):
            raise _Refused("value", f"{value} is not a number")
        raise _Refused("value", f"{value!r} is beyond what Styr stores (±10^18)")
    raise _Refused("value", f"{value!r} is not a number")


_GENDER_BIT = {"T": 0, "K": 1, "M": 2}
_YEARS = LAST_YEAR - FIRST_YEAR + 1
# KPIs whose bits are kept in memory. Kolada's files give one KPI at a time (a file per KPI,
# pages of one KPI in a row), so a few suffice; a file of one area's many KPIs still works,
# only slower (its KPIs go to disk and back).
RESIDENT_KPIS = 16


class SeenKeys:
    """Which (kpi, area, year, gender) an import has given so far, one bit each.

    A set of millions of tuples would grow with the data by some hundred bytes a value; one bit
    array per KPI costs 35 kB per KPI. Kept for every KPI, 2,000 KPIs (Kolada's whole dump) were
    70 MB. So only the last few KPIs' bits stay in memory; the others are written to a temporary
    file (the page cache's, not this process's memory) and read back if their KPI comes again,
    as a later page of a KPI does. Memory stays flat in the number of KPIs; the file holds 35 kB
    for each KPI given, and goes with the import.
    """

    def __init__(self, areas: Iterable[str], resident: int | None = None) -> None:
        self._area = {area: i for i, area in enumerate(sorted(areas))}
        self._size = (len(self._area) * _YEARS * 3 + 7) // 8
        self._resident_limit = max(RESIDENT_KPIS if resident is None else resident, 1)
        # In memory, least recently used first (dicts keep the order of insertion).
        self._bits: dict[str, bytearray] = {}
        # Where each KPI that has left memory is in the file (its slot times the size).
        self._slot: dict[str, int] = {}
        self._file: IO[bytes] | None = None
        self._kpi = ""
        self._current = bytearray()

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None

    def __enter__(self) -> "SeenKeys":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def kpis_in_memory(self) -> int:
        return len(self._bits)

    def of_record(self, kpi: str, area: str, year: int) -> tuple[bytearray, int]:
        """The KPI's bits and the bit of gender T of this area and year (K and M follow)."""
        return self.bits_of(kpi), self.area_bit(area) + (year - FIRST_YEAR) * 3

    def bits_of(self, kpi: str) -> bytearray:
        """The KPI's bits: valid until the next call for another KPI."""
        # Record after record of the same KPI: the common case, answered first.
        if kpi != self._kpi:
            self._current = self._switch(kpi)
            self._kpi = kpi
        return self._current

    def area_bit(self, area: str) -> int:
        """Where the area's bits start in a KPI's: then three bits a year from FIRST_YEAR."""
        return self._area[area] * _YEARS * 3

    def _switch(self, kpi: str) -> bytearray:
        bits = self._bits.pop(kpi, None)
        if bits is None:
            if len(self._bits) >= self._resident_limit:
                self._spill()
            slot = self._slot.get(kpi)
            if slot is None:
                bits = bytearray(self._size)
            else:
                assert self._file is not None
                bits = bytearray(os.pread(self._file.fileno(), self._size, slot * self._size))
        self._bits[kpi] = bits  # now the most recently used
        return bits

    def _spill(self) -> None:
        """Move the least recently used KPI's bits to the file."""
        kpi = next(iter(self._bits))
        bits = self._bits.pop(kpi)
        if self._file is None:
            # Unnamed and removed when closed or when the process ends, however it ends.
            self._file = tempfile.TemporaryFile(prefix="styr-kolada-seen-")  # noqa: SIM115
        slot = self._slot.setdefault(kpi, len(self._slot))
        os.pwrite(self._file.fileno(), bits, slot * self._size)

    def first_time(self, kpi: str, area: str, year: int, gender: str) -> bool:
        bits, at = self.of_record(kpi, area, year)
        at += _GENDER_BIT[gender]
        byte, mask = at >> 3, 1 << (at & 7)
        if bits[byte] & mask:
            return False
        bits[byte] |= mask
        return True


# A value's key: (kpi, area, year, gender).
Key = tuple[str, str, int, str]
_MISSING = object()


def value_rows(
    reader: EnvelopeReader,
    problems: Problems,
    kpis: Container[str],
    areas: Container[str],
    seen: SeenKeys,
) -> Iterator[ValueRow]:
    """Each value of a data file as a row; `kpis` and `areas` are the ids that exist. Nulls
    (withdrawn values) come as rows with value None, after the numbers of the same batch.

    `seen` is shared by the files of one import: a value given twice is refused.
    """
    numbers: list[Any] = []
    withdrawn: list[Key] = []
    for _ in read_values(reader, problems, kpis, areas, seen, numbers, withdrawn):
        yield from numbers
        yield from ((k, a, y, g, None) for k, a, y, g in withdrawn)
        numbers.clear()
        withdrawn.clear()


def read_values(
    reader: EnvelopeReader,
    problems: Problems,
    kpis: Container[str],
    areas: Container[str],
    seen: SeenKeys,
    numbers: list[Any],
    withdrawn: list[Key] | None,
    binary: RowHeads | None = None,
) -> Iterator[None]:
    """Reads a data file's values: appends each number to `numbers`, as a ValueRow or, with
    `binary`, as a row of PostgreSQL's binary COPY (see pgcopy), and the key of each value
    Kolada gives as null or deleted to `withdrawn` (None: not wanted). Yields after each batch
    of records, so that the caller can cut what has come into chunks.

    A refused record goes to `problems` with none of its values. `seen` is shared by the files
    of one import: a value given twice is refused.
    """
    # The loop below runs for every value (tens of millions): what it needs is bound locally,
    # and the checks are done inline (function calls were a third of its time). Records come
    # KPI by KPI and area by area, so what follows from the ids (their checks, the duplicate
    # bits, the COPY row's start) is worked out only when they change.
    gender_bit = _GENDER_BIT
    limit = _LIMIT
    add = numbers.append
    gone = withdrawn.append if withdrawn is not None else None
    gender_fields = GENDER_FIELDS
    year_fields = YEAR_FIELDS
    pack = pack_value
    checked_kpi: object = None
    checked_area: object = None
    bits = bytearray()
    area_bit = 0
    ids = b""
    for first, offset, batch in reader.batches():
        for index, record in enumerate(batch, first):
            numbers_before = len(numbers)
            withdrawn_before = len(withdrawn) if withdrawn is not None else 0
            try:
                if type(record) is not dict:
                    raise _Refused("", "is not a JSON object")
                try:
                    kpi = record["kpi"]
                    area = record["municipality"]
                    period = record["period"]
                    values = record["values"]
                except KeyError as missing:
                    raise _Refused(str(missing.args[0]), "is missing") from None
                if kpi != checked_kpi or area != checked_area:
                    if type(kpi) is not str:
                        raise _Refused("kpi", f"{kpi!r} is not a KPI id")
                    if kpi not in kpis:
                        message = f"{kpi!r} is not in the KPI catalogue (database or import)"
                        raise _Refused("kpi", message)
                    if type(area) is not str:
                        raise _Refused("municipality", f"{area!r} is not an area id")
                    if area not in areas:
                        message = f"{area!r} is not a known area (database or import)"
                        raise _Refused("municipality", message)
                    checked_kpi, checked_area = kpi, area
                    bits = seen.bits_of(kpi)
                    area_bit = seen.area_bit(area)
                    if binary is not None:
                        ids = binary.ids(kpi, area)
                if type(period) is not int or not FIRST_YEAR <= period <= LAST_YEAR:
                    message = f"{period!r} is not a year ({FIRST_YEAR}–{LAST_YEAR})"
                    raise _Refused("period", message)
                if type(values) is not list:
                    raise _Refused("values", f"{values!r} is not a list")
                base = area_bit + (period - FIRST_YEAR) * 3
                if binary is not None:
                    head = ids + year_fields[period - FIRST_YEAR]
                for position, item in enumerate(values):
                    try:
                        bit = gender_bit[item["gender"]]
                        number = item["value"]
                    except (KeyError, TypeError):
                        raise _value_refused(item, position) from None
                    # null is Kolada's "no value" (missing or secret), never zero; a deleted
                    # value is no value either. Either withdraws a value stored before.
                    if number is None or item.get("isdeleted") is True:
                        if gone is not None:
                            gone((kpi, area, period, "TKM"[bit]))
                        continue
                    at = base + bit
                    byte, mask = at >> 3, 1 << (at & 7)
                    if bits[byte] & mask:
                        raise _Refused(
                            f"values[{position}]",
                            f"{kpi} {area} {period} gender {'TKM'[bit]} is given twice in this "
                            "import",
                        )
                    bits[byte] |= mask
                    if type(number) is not float or not -limit < number < limit:
                        try:
                            number = _number(number)
                        except _Refused as refused:
                            raise _Refused(f"values[{position}].value", refused.message) from None
                    if binary is not None:
                        add(head + gender_fields[bit] + pack(number))
                    else:
                        add((kpi, area, period, "TKM"[bit], number))
            except _Refused as refused:
                del numbers[numbers_before:]
                if withdrawn is not None:
                    del withdrawn[withdrawn_before:]
                at = reader.offset_of(index, offset)
                problems.refuse(reader.path, reader.name, index, at, refused.field, refused.message)
        yield


def _value_refused(item: Any, position: int) -> _Refused:
    """Why one of a record's values cannot be read (the loop above only knows that it cannot)."""
    if type(item) is not dict:
        return _Refused(f"values[{position}]", "is not a JSON object")
    if "gender" not in item:
        return _Refused(f"values[{position}].gender", "is missing")
    gender = item["gender"]
    if type(gender) is not str or gender not in _GENDER_BIT:
        return _Refused(f"values[{position}].gender", f"{gender!r} is not T, K or M")
    return _Refused(f"values[{position}].value", "is missing")
