"""Reading an edited workbook back against its plan: every change and every error, no writes.

The workbook is streamed (openpyxl's read-only mode) and compared cell by cell with what an
export of the plan holds now. Errors are collected, not stopped at, and each names its sheet
and cell.
"""

import math
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from io import BytesIO
from pathlib import Path
from typing import IO, Any
from xml.etree.ElementTree import ParseError, iterparse

from django.utils.translation import gettext as _
from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.workbook.workbook import Workbook

from styr.excel.cells import CellValue, quoted
from styr.excel.changes import CellProblem, WorkbookChanges, WorkbookRefused
from styr.excel.diff import SheetReader
from styr.excel.layout import ABOUT, FORMAT_VERSION, LISTS, plan_layout
from styr.excel.rows import ABOUT_LABELS
from styr.organisation.models import Body
from styr.plans.models import Plan

MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
CELL, VALUE = f"{MAIN}c", f"{MAIN}v"

Source = str | Path | bytes | IO[bytes]
Rows = list[tuple[CellValue, ...]]

# What a damaged, truncated or foreign file makes openpyxl, zipfile or the XML parser raise.
UNREADABLE = (
    InvalidFileException, zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, ParseError,
    KeyError, EOFError, OSError, ValueError, TypeError, IndexError,
)  # fmt: skip


def _label(source: Source, name: str) -> str:
    if name:
        return name
    if isinstance(source, str | Path):
        return Path(source).name
    # Translators: a workbook without a file name, as the start of a message.
    return _("arbetsboken")


def _missing_about() -> str:
    return _("bladet saknas: det här är inte en arbetsbok som Styr har exporterat")


# A workbook Styr writes for the largest plan unpacks to a few megabytes; a file that unpacks
# to more is refused before it is unpacked (a 10 MB upload can inflate to gigabytes).
MAX_UNPACKED = 200 * 1024 * 1024


def _unpacked_size(stream: Any) -> int:
    """What the workbook's parts declare they unpack to; zipfile never reads past that."""
    position = stream.tell() if hasattr(stream, "tell") else None
    try:
        with zipfile.ZipFile(stream) as archive:
            return sum(info.file_size for info in archive.infolist())
    finally:
        if position is not None:
            stream.seek(position)


@contextmanager
def _opened(source: Source, name: str) -> Iterator[Workbook]:
    stream: Any = BytesIO(source) if isinstance(source, bytes) else source
    try:
        unpacked = _unpacked_size(stream)
    except UNREADABLE:
        unpacked = 0  # not a zip at all: openpyxl below says so in its words
    if unpacked > MAX_UNPACKED:
        raise WorkbookRefused([CellProblem("", "", (
            _("%(name)s packas upp till %(size)s MiB; en arbetsbok från Styr är högst "
              "%(limit)s MiB uppackad. Exportera arbetsboken på nytt och för in ändringarna "
              "i den.")
            % {"name": name, "size": unpacked // (1024 * 1024),
               "limit": MAX_UNPACKED // (1024 * 1024)}
        ))])  # fmt: skip
    try:
        book = load_workbook(stream, read_only=True, data_only=True)
    except UNREADABLE as exc:
        reason = _(
            "%(name)s är inte en Excel-arbetsbok (.xlsx) eller så är den skadad (%(error)s); "
            "spara den som .xlsx i Excel och läs in den igen"
        ) % {"name": name, "error": exc}
        raise WorkbookRefused([CellProblem("", "", reason)]) from None
    try:
        yield book
    finally:
        book.close()


def _rows(book: Workbook, sheet: str, name: str) -> Rows:
    worksheet: Any = book[sheet]
    try:
        # The stored dimensions may be wrong in files other programs wrote; read what is there.
        worksheet.reset_dimensions()
        return [tuple(row) for row in worksheet.iter_rows(values_only=True)]
    except UNREADABLE as exc:
        problems = [
            CellProblem(
                sheet, ref, _("%(value)s är inte ett giltigt tal") % {"value": quoted(text)}
            )
            for ref, text in _bad_numbers(worksheet)
        ]
        reason = _(
            "bladet kan inte läsas: %(name)s är skadad eller ofullständig (%(error)s); spara "
            "den på nytt i Excel och läs in den igen"
        ) % {"name": name, "error": exc}
        raise WorkbookRefused(problems or [CellProblem(sheet, "", reason)]) from None


def _bad_numbers(worksheet: Any) -> list[tuple[str, str]]:
    """The number cells whose stored text is no number (NaN, INF): openpyxl stops at the first,
    so the sheet's XML is scanned for all of them, to name each cell."""
    found = []
    try:
        with worksheet._get_source() as source:
            for _event, element in iterparse(source):
                if element.tag != CELL or element.get("t", "n") != "n":
                    continue
                stored = element.find(VALUE)
                text = stored.text if stored is not None else None
                if text and not _finite(text):
                    found.append((element.get("r", ""), text))
                element.clear()
    except UNREADABLE:
        return found
    return found


def _finite(text: str) -> bool:
    try:
        return math.isfinite(float(text))
    except ValueError:
        return False


def _about(rows: Rows) -> dict[str, tuple[CellValue, int]]:
    """The Om sheet's values by their key, with the row each is on."""
    keys = {label: key for key, label in ABOUT_LABELS.items()}
    found: dict[str, tuple[CellValue, int]] = {}
    for number, row in enumerate(rows, start=1):
        if row and isinstance(row[0], str) and row[0].strip() in keys:
            found[keys[row[0].strip()]] = (row[1] if len(row) > 1 else None, number)
    return found


def _text(value: CellValue) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return "" if value is None else str(value).strip()


def about_plan(source: Source, *, name: str = "") -> Plan:
    """The plan a workbook says it is for (its Om sheet), for a command given only the file."""
    name = _label(source, name)
    with _opened(source, name) as book:
        if ABOUT not in book.sheetnames:
            raise WorkbookRefused([CellProblem(ABOUT, "", _missing_about())])
        about = _about(_rows(book, ABOUT, name))
    wanted = {k: _text(about.get(k, (None, 0))[0]) for k in ("municipality_key", "body_code")}
    year = _text(about.get("year", (None, 0))[0])
    body = Body.objects.filter(
        municipality__key=wanted["municipality_key"], code__iexact=wanted["body_code"]
    ).first()
    plan = None
    if body is not None and year.isdigit():
        plans = Plan.objects.filter(body=body, year=int(year))
        plan = plans.select_related("body__municipality").first()
    if plan is None:
        where = f"B{about['year'][1]}" if "year" in about else ""
        reason = _("det finns ingen plan för %(body)s %(year)s i kommunen %(municipality)s") % {
            "body": wanted["body_code"] or "?", "year": year or "?",
            "municipality": quoted(wanted["municipality_key"] or "?"),
        }  # fmt: skip
        raise WorkbookRefused([CellProblem(ABOUT, where, reason)])
    return plan


def _check_about(result: WorkbookChanges, plan: Plan, rows: Rows) -> None:
    about = _about(rows)
    municipality = plan.body.municipality
    expected = {
        "version": str(FORMAT_VERSION),
        "municipality_key": municipality.key,
        "body_code": plan.body.code,
        "year": str(plan.year),
    }
    for key, wanted in expected.items():
        label = ABOUT_LABELS[key]
        if key not in about:
            result.error(ABOUT, "", _("raden ”%(label)s” saknas; hämta arbetsboken på nytt från "
                                      "Styr") % {"label": label})  # fmt: skip
            continue
        value, row = about[key]
        got = _text(value)
        if got.casefold() != wanted.casefold():
            result.error(ABOUT, f"B{row}", _wrong_about(key, quoted(got), wanted, plan))


def _wrong_about(key: str, shown: str, wanted: str, plan: Plan) -> str:
    """Why the Om sheet's value of `key` (shown quoted) says the workbook is another plan's."""
    values = {"got": shown, "wanted": wanted}
    if key == "version":
        return _("arbetsboken har formatversion %(got)s; Styr läser version %(wanted)s (hämta "
                 "arbetsboken på nytt från Styr)") % values  # fmt: skip
    if key == "municipality_key":
        return _("arbetsboken är från kommunen %(got)s, inte ”%(wanted)s”") % values
    if key == "body_code":
        return _("arbetsboken gäller organet %(got)s, inte %(code)s (%(name)s)") % {
            "got": shown, "code": plan.body.code, "name": plan.body.name
        }  # fmt: skip
    return _("arbetsboken gäller planåret %(got)s, inte %(year)s") % {
        "got": shown, "year": plan.year
    }  # fmt: skip


def read_workbook(source: Source, *, plan: Plan, name: str = "") -> WorkbookChanges:
    """What importing the workbook into the plan would change, and what stops it.

    Pure: reads the database, writes nothing. A file that is no workbook at all gives one
    error; otherwise every error found is listed.
    """
    name = _label(source, name)
    result = WorkbookChanges(plan)
    try:
        with _opened(source, name) as book:
            _read(book, result, plan, name)
    except WorkbookRefused as refused:
        result.errors.extend(refused.errors)
    return result


def _read(book: Workbook, result: WorkbookChanges, plan: Plan, name: str) -> None:
    present = list(book.sheetnames)
    if ABOUT not in present:
        result.error(ABOUT, "", _missing_about())
        return
    _check_about(result, plan, _rows(book, ABOUT, name))
    if not result.ok:
        return  # another plan's workbook: its cells mean nothing here
    layouts = plan_layout(plan)
    expected = [ABOUT, *(layout.name for layout in layouts)]
    for sheet in present:
        if sheet not in expected and sheet != LISTS:
            result.error(sheet, "", _("bladet hör inte till arbetsboken; ta bort det (en "
                         "arbetsbok för %(plan)s har: %(sheets)s)")
                         % {"plan": plan, "sheets": ", ".join(expected)})  # fmt: skip
    reader = SheetReader(plan, result)
    for layout in layouts:
        if layout.name not in present:
            result.error(
                layout.name, "", _("bladet saknas; blad får inte tas bort eller byta namn")
            )
            continue
        reader.read(layout, _rows(book, layout.name, name))
