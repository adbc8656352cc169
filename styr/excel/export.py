"""Writing a plan as an Excel workbook an official can edit and send back.

Editable cells are white and unlocked; what is read-only (names, keys, derived sums and risk
scores) is grey and locked, and an import ignores it. Derived cells are real formulas, so
they follow the official's edits.

The workbook is a file format read back by the import: its sheets, headers, texts and
drop-down messages are Swedish whatever language the official reads Styr in.
"""

from datetime import datetime
from decimal import Decimal
from typing import IO, Any

from django.conf import settings
from django.utils import timezone, translation
from openpyxl import Workbook
from openpyxl.cell.cell import Cell, MergedCell
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from styr.excel.cells import comparable_text
from styr.excel.layout import (
    ABOUT,
    ACTIVITY_SCALE,
    GRADE_SCALE,
    LISTS,
    NO,
    STATUS_SCALE,
    YES,
    SheetLayout,
    plan_layout,
)
from styr.excel.rows import RowData, about_rows, rows_for
from styr.indicators.models import Comparator
from styr.internal_control.models import Axis
from styr.plans.models import Plan
from styr.scales.models import Scale

GREY = PatternFill("solid", fgColor="E7E6E6")
HEADER = PatternFill("solid", fgColor="D9E1F2")
OPEN = Protection(locked=False)
BOLD = Font(bold=True)
WRAP = Alignment(wrap_text=True, vertical="top")


def number_format(decimals: int) -> str:
    """Excel's format code for the number of decimals; Excel shows it the reader's way
    (35 201,0 in Swedish Excel)."""
    return "#,##0" + ("." + "0" * decimals if decimals else "")


def _put(cell: Cell | MergedCell, value: Any) -> None:
    if isinstance(value, Decimal):
        # Whole numbers stay whole; others as the float Excel will hold anyway.
        cell.value = int(value) if value == value.to_integral_value() else float(value)
    elif isinstance(value, str):
        cell.value = comparable_text(value) if value else None
        # A text that starts with "=" is a comment, not a formula to run.
        if value.startswith("="):
            cell.data_type = "s"
    else:
        cell.value = value


def _header(sheet: Worksheet, layout: SheetLayout) -> None:
    for index, column in enumerate(layout.columns, start=1):
        cell = sheet.cell(row=1, column=index, value=column.header)
        cell.font, cell.fill, cell.alignment = BOLD, HEADER, WRAP
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    sheet.freeze_panes = "A2"
    sheet.row_dimensions[1].height = 45


def _protect(sheet: Worksheet) -> None:
    # Locked cells (keys, names, formulas) are protected; without a password, on purpose:
    # the marking guides, the import decides what is read.
    sheet.protection.formatColumns = False
    sheet.protection.formatRows = False
    sheet.protection.formatCells = False
    sheet.protection.enable()


def _fill_rows(sheet: Worksheet, layout: SheetLayout, rows: list[RowData]) -> int:
    """Write the rows below the header; return the number of the last row."""
    for number, row in enumerate(rows, start=2):
        for index, column in enumerate(layout.columns, start=1):
            cell = sheet.cell(row=number, column=index)
            _put(cell, row.values.get(column.header))
            if column.header in row.notes:
                cell.comment = Comment(row.notes[column.header], "Styr")
            if column.editable and not row.derived:
                cell.protection = OPEN
            else:
                cell.fill = GREY
            if column.field in ("value", "amount") and row.decimals is not None:
                cell.number_format = number_format(row.decimals)
            if column.width >= 30:
                cell.alignment = WRAP
    return len(rows) + 1


def _validation(
    sheet: Worksheet, layout: SheetLayout, field: str, source: str | None, last: int, what: str
) -> None:
    letters = [
        get_column_letter(i) for i, c in enumerate(layout.columns, start=1) if c.field == field
    ]
    if not letters or source is None or last < 2:
        return
    rule = DataValidation(type="list", formula1=source, allow_blank=True)
    rule.error = f"Välj {what} i listan."
    rule.errorTitle = "Ogiltigt värde"
    rule.showErrorMessage = True
    sheet.add_data_validation(rule)
    for letter in letters:
        rule.add(f"{letter}2:{letter}{last}")


def _lists(book: Workbook, plan: Plan) -> dict[str, str | None]:
    """The hidden sheet of allowed values the drop-downs offer; returns their ranges."""
    sheet = book.create_sheet(LISTS)
    sheet.sheet_state = "hidden"
    municipality = plan.body.municipality_id

    def labels(scale: str) -> list[str | int]:
        return [o.label for o in Scale.objects.current(scale, municipality).options.all()]

    lists: dict[str, list[str | int]] = {
        "status": labels(STATUS_SCALE),
        "grade": labels(GRADE_SCALE),
        "activity_status": labels(ACTIVITY_SCALE),
        "comparator": [c.value for c in Comparator if c.value],
        "yes_no": [YES, NO],
    }
    matrix = plan.risk_matrix
    for axis, field in ((Axis.PROBABILITY, "probability"), (Axis.CONSEQUENCE, "consequence")):
        levels = matrix.levels.filter(axis=axis) if matrix is not None else []
        lists[field] = [level.value for level in levels]
    ranges: dict[str, str | None] = {}
    for index, (field, values) in enumerate(lists.items(), start=1):
        letter = get_column_letter(index)
        sheet.cell(row=1, column=index, value=field)
        for row, value in enumerate(values, start=2):
            sheet.cell(row=row, column=index, value=value)
        # In the file a formula has no leading "=" (Excel writes it so and repairs otherwise).
        ranges[field] = f"{LISTS}!${letter}$2:${letter}${len(values) + 1}" if values else None
    return ranges


def _about(book: Workbook, plan: Plan, now: datetime) -> None:
    sheet = book.active
    assert sheet is not None
    sheet.title = ABOUT
    sheet.append(["Uppgift", "Värde"])
    for cell in sheet[1]:
        cell.font, cell.fill = BOLD, HEADER
    for label, value in about_rows(plan, now):
        sheet.append([label, value])
    sheet.append([])
    sheet.append(["Så här", "Skriv i de vita cellerna. Grå celler (namn, nycklar, summor och "
                  "riskvärden) läses inte in. Ett tomt värde tar bort värdet: tomt är inte noll. "
                  "Rader kan inte läggas till eller tas bort här; gör det i Styr och exportera "
                  "på nytt."])  # fmt: skip
    sheet.column_dimensions["A"].width = 22
    sheet.column_dimensions["B"].width = 80
    sheet.cell(row=sheet.max_row, column=2).alignment = WRAP
    sheet.freeze_panes = "A2"
    _protect(sheet)


def write_workbook(plan: Plan, target: str | IO[bytes], *, now: datetime | None = None) -> None:
    """Write the plan's workbook to a path or binary file."""
    with translation.override(settings.LANGUAGE_CODE):
        _write_workbook(plan, target, now)


def _write_workbook(plan: Plan, target: str | IO[bytes], now: datetime | None) -> None:
    book = Workbook()
    book.properties.creator = "Styr"
    book.properties.title = f"{plan.body.name}: {plan.title}"
    _about(book, plan, now or timezone.now())
    layouts = plan_layout(plan)
    sheets = {layout.name: book.create_sheet(layout.name) for layout in layouts}
    ranges = _lists(book, plan)
    for layout in layouts:
        sheet = sheets[layout.name]
        _header(sheet, layout)
        rows = rows_for(plan, layout)
        last = _fill_rows(sheet, layout, rows)
        if layout.kind == "indicators":
            _validation(sheet, layout, "comparator", ranges["comparator"], last, "jämförelse")
        elif layout.kind == "assignments":
            _validation(sheet, layout, "status", ranges["status"], last, "en status")
            _validation(sheet, layout, "grade", ranges["grade"], last, "en måluppfyllelse")
            _validation(sheet, layout, "internal", ranges["yes_no"], last, "Ja eller Nej")
        elif layout.kind == "activities":
            _validation(
                sheet, layout, "activity_status", ranges["activity_status"], last, "en status"
            )
        elif layout.kind == "risks":
            _formulas(sheet, layout, "score", "={probability}*{consequence}", last)
            for field in ("probability", "consequence"):
                _validation(sheet, layout, field, ranges[field], last, "en nivå")
            _validation(sheet, layout, "municipality_wide", ranges["yes_no"], last, "Ja eller Nej")
        elif layout.kind == "budget":
            _sums(sheet, layout, rows)
        _protect(sheet)
    book.save(target)


def _letter(layout: SheetLayout, field: str) -> str:
    index = next(i for i, c in enumerate(layout.columns, start=1) if c.field == field)
    return get_column_letter(index)


def _formulas(sheet: Worksheet, layout: SheetLayout, field: str, pattern: str, last: int) -> None:
    letters = {c.field: _letter(layout, c.field) for c in layout.columns}
    target = letters[field]
    for row in range(2, last + 1):
        formula = pattern.format(**{f: f"{letter}{row}" for f, letter in letters.items()})
        sheet[f"{target}{row}"] = formula


def _sums(sheet: Worksheet, layout: SheetLayout, rows: list[RowData]) -> None:
    """A sum row adds the item rows above it, back to the previous sum, as Styr derives it."""
    amount_columns = [i for i, c in enumerate(layout.columns, start=1) if c.field == "amount"]
    first_item = 2
    for number, row in enumerate(rows, start=2):
        if not row.derived:
            continue
        for index in amount_columns:
            cell = sheet.cell(row=number, column=index)
            cell.font = BOLD
            if number > first_item:
                letter = get_column_letter(index)
                cell.value = f"=SUM({letter}{first_item}:{letter}{number - 1})"
        sheet.cell(row=number, column=2).font = BOLD
        first_item = number + 1
    # A computed deviation is the difference of its two columns on every row, sums included.
    by_id = {c.budget_column_id: get_column_letter(i) for i, c in enumerate(layout.columns, 1)}
    for index, column in enumerate(layout.columns, start=1):
        if column.formula is None:
            continue
        left, right = (by_id.get(i) for i in column.formula)
        if left is None or right is None:
            continue
        for number in range(2, len(rows) + 2):
            sheet.cell(row=number, column=index).value = f"={left}{number}-{right}{number}"
