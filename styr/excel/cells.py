"""Reading one cell of an edited workbook: numbers, texts and choices, each with a clear refusal.

Officials type into Excel; a cell may hold a number, a text that looks like one (Swedish
"83,6" or "35 201"), a date, a boolean or an Excel error. Every parser returns the value Styr
stores or raises CellError with the reason; the caller adds the sheet and cell.
"""

import math
import re
from datetime import date, datetime, time
from decimal import ROUND_HALF_UP, Context, Decimal, InvalidOperation

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from styr.core.text import clean_text

CellValue = str | int | float | Decimal | bool | datetime | date | time | None

_SPACES = re.compile(r"[ \u00a0\u202f\u2009]")
# A number as an official writes it: 83,6 or 83.6, 35 201 with spaces between thousands, a
# leading minus (hyphen or the typographic −) or plus.
_NUMBER = re.compile(r"^[-−+]?(\d+|\d{1,3}( \d{3})+)([.,]\d+)?$")
_WIDE = Context(prec=60)
EXCEL_ERRORS = frozenset(
    {"#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA"}
)


class CellError(ValueError):
    """A cell's content cannot be taken in; the message says why."""


def parse_decimal(value: CellValue, *, max_digits: int, decimal_places: int) -> Decimal | None:
    """The number in a cell, rounded to the field's decimals; None for an empty cell.

    Raises CellError for text that is not a number, NaN and infinities, dates, booleans, Excel
    errors and numbers the field cannot hold.
    """
    if value is None:
        return None
    # bool is an int in Python; TRUE in a number cell is a mistake, not 1.
    if isinstance(value, bool):
        raise CellError(f"{'TRUE' if value else 'FALSE'} is not a number")
    if isinstance(value, datetime | date | time):
        raise CellError(f"{value.isoformat()} is a date or time, not a number")
    if isinstance(value, float):
        if not math.isfinite(value):
            raise CellError(f"{value} is not a finite number")
        # repr is the shortest text that gives the same float: what the official typed.
        number = Decimal(repr(value))
    elif isinstance(value, int):
        number = Decimal(value)
    elif isinstance(value, Decimal):
        if not value.is_finite():
            raise CellError(f"{value} is not a finite number")
        number = value
    else:
        text = str(value).strip()
        if not text:
            return None
        if text.upper() in EXCEL_ERRORS:
            raise CellError(f"{text} is an Excel error, not a number")
        compact = _SPACES.sub(" ", text)
        if not _NUMBER.match(compact):
            raise CellError(f"{text!r} is not a number")
        try:
            number = Decimal(compact.replace(" ", "").replace(",", ".").replace("−", "-"))
        except InvalidOperation:  # pragma: no cover - the pattern excludes these
            raise CellError(f"{text!r} is not a number") from None
    limit = Decimal(10) ** (max_digits - decimal_places)
    # Out of range is decided before rounding, which cannot hold more digits than the context.
    rounded = number
    if abs(number) < limit:
        rounded = number.quantize(
            Decimal(1).scaleb(-decimal_places), rounding=ROUND_HALF_UP, context=_WIDE
        )
    if abs(rounded) >= limit:
        raise CellError(
            f"{_shown(value)} is out of range (at most {max_digits - decimal_places} digits "
            "before the decimal point)"
        )
    return rounded


def _shown(value: CellValue) -> str:
    return repr(value) if isinstance(value, str) else str(value)


def same_number(stored: Decimal | None, cell: CellValue) -> bool:
    """Whether a cell still holds the stored number, before any parsing.

    A workbook holds numbers as binary floats (about 15 significant digits), so a stored value
    with more digits than that comes back as its nearest float: that is no edit, even where
    the float itself would be out of the field's range.
    """
    if stored is None:
        return cell is None or (isinstance(cell, str) and not cell.strip())
    if isinstance(cell, bool) or cell is None:
        return False
    if isinstance(cell, float):
        return float(stored) == cell
    if isinstance(cell, int | Decimal):
        return Decimal(cell) == stored
    return False


def parse_text(value: CellValue) -> str:
    """A text cell as Styr stores texts: line breaks as \\n, trimmed; empty for an empty cell."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Ja" if value else "Nej"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time() else value.isoformat(" ")
    if isinstance(value, date | time):
        return value.isoformat()
    text = str(value)
    if text.upper() in EXCEL_ERRORS:
        raise CellError(f"{text} is an Excel error, not a text")
    return comparable_text(text)


def comparable_text(text: str) -> str:
    """A stored text as a workbook can hold it: what an unedited cell reads back as."""
    return ILLEGAL_CHARACTERS_RE.sub("", clean_text(text)).strip()


def parse_choice(value: CellValue, choices: dict[str, str], what: str) -> str:
    """The key of the choice a cell names by its label (any case); "" for an empty cell."""
    text = parse_text(value)
    if not text:
        return ""
    wanted = text.casefold()
    for label, key in choices.items():
        if label.casefold() == wanted:
            return key
    listed = ", ".join(choices)
    raise CellError(f"{text!r} is not {what} (choose one of: {listed})")


def parse_whole(value: CellValue, allowed: list[int], what: str) -> int:
    """A whole number from a list, e.g. a probability level of the plan's risk matrix."""
    number = parse_decimal(value, max_digits=6, decimal_places=0)
    if number is None:
        raise CellError(f"{what} must be given")
    whole = int(number)
    if whole not in allowed or number != parse_decimal(value, max_digits=12, decimal_places=6):
        raise CellError(
            f"{_shown(value)} is not {what} (choose one of: {', '.join(map(str, allowed))})"
        )
    return whole
