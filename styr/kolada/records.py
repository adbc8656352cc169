"""Checking the records a Kolada file holds: catalogue entries, areas and data values.

The reader (reader.py) finds the records; this module says whether each is right, turns it
into what the import stores, and refuses a wrong one with the field it concerns.
"""

from collections.abc import Container, Iterable, Iterator
from datetime import date
from typing import Any

from styr.kolada.reader import (
    _LIMIT,
    AREA_TYPES,
    FIRST_YEAR,
    GENDERS,
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


class SeenKeys:
    """Which (kpi, area, year, gender) an import has given so far, one bit each.

    A set of millions of tuples would grow with the data by some hundred bytes a value; one bit
    array per KPI costs 35 kB per KPI, whatever the number of values.
    """

    def __init__(self, areas: Iterable[str]) -> None:
        self._area = {area: i for i, area in enumerate(sorted(areas))}
        self._bits: dict[str, bytearray] = {}

    def of_record(self, kpi: str, area: str, year: int) -> tuple[bytearray, int]:
        """The KPI's bits and the bit of gender T of this area and year (K and M follow)."""
        bits = self._bits.get(kpi)
        if bits is None:
            bits = self._bits[kpi] = bytearray((len(self._area) * _YEARS * 3 + 7) // 8)
        return bits, (self._area[area] * _YEARS + year - FIRST_YEAR) * 3

    def first_time(self, kpi: str, area: str, year: int, gender: str) -> bool:
        bits, at = self.of_record(kpi, area, year)
        at += _GENDER_BIT[gender]
        byte, mask = at >> 3, 1 << (at & 7)
        if bits[byte] & mask:
            return False
        bits[byte] |= mask
        return True


def value_rows(
    reader: EnvelopeReader,
    file_no: int,
    problems: Problems,
    kpis: Container[str],
    areas: Container[str],
    seen: SeenKeys,
) -> Iterator[ValueRow]:
    """Each value of a data file as a row; `kpis` and `areas` are the ids that exist.

    `seen` is shared by the files of one import: a value given twice is refused.
    """
    # The loop below runs for every value: what it needs is bound locally, and the duplicate
    # check and the usual number are done inline (function calls were a third of its time).
    of_record = seen.of_record
    gender_bit = _GENDER_BIT
    limit = _LIMIT
    for index, offset, record in reader.records():
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
            if type(kpi) is not str:
                raise _Refused("kpi", f"{kpi!r} is not a KPI id")
            if kpi not in kpis:
                raise _Refused("kpi", f"{kpi!r} is not in the KPI catalogue (database or import)")
            if type(area) is not str:
                raise _Refused("municipality", f"{area!r} is not an area id")
            if area not in areas:
                raise _Refused("municipality", f"{area!r} is not a known area (database or import)")
            if type(period) is not int or not FIRST_YEAR <= period <= LAST_YEAR:
                raise _Refused("period", f"{period!r} is not a year ({FIRST_YEAR}–{LAST_YEAR})")
            if type(values) is not list:
                raise _Refused("values", f"{values!r} is not a list")
            rows = []
            bits, base = of_record(kpi, area, period)
            for position, item in enumerate(values):
                if type(item) is not dict:
                    raise _Refused(f"values[{position}]", "is not a JSON object")
                gender = item.get("gender")
                if gender not in GENDERS:
                    message = (
                        "is missing" if "gender" not in item else f"{gender!r} is not T, K or M"
                    )
                    raise _Refused(f"values[{position}].gender", message)
                if "value" not in item:
                    raise _Refused(f"values[{position}].value", "is missing")
                number = item["value"]
                # null is Kolada's "no value" (missing or secret), never zero; a deleted
                # value is no value either. Either withdraws a value stored before.
                if number is None or item.get("isdeleted") is True:
                    rows.append((kpi, area, period, gender, None, file_no, index))
                    continue
                at = base + gender_bit[gender]
                byte, mask = at >> 3, 1 << (at & 7)
                if bits[byte] & mask:
                    raise _Refused(
                        f"values[{position}]",
                        f"{kpi} {area} {period} gender {gender} is given twice in this import",
                    )
                bits[byte] |= mask
                if type(number) is not float or not -limit < number < limit:
                    try:
                        number = _number(number)
                    except _Refused as refused:
                        raise _Refused(f"values[{position}].value", refused.message) from None
                rows.append((kpi, area, period, gender, number, file_no, index))
        except _Refused as refused:
            at = reader.offset_of(index, offset)
            problems.refuse(reader.path, reader.name, index, at, refused.field, refused.message)
            continue
        yield from rows
