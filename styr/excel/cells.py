"""Reading one cell of an edited workbook: numbers, texts and choices, each with a clear refusal.

Officials type into Excel; a cell may hold a number, a text that looks like one (Swedish
"83,6" or "35 201"), a date, a boolean or an Excel error. Every parser returns the value Styr
stores or raises CellError with the reason; the caller adds the sheet and cell.
"""

import math
import re
from datetime import date, datetime, time
from decimal import ROUND_HALF_UP, Context, Decimal, InvalidOperation

from django.utils.translation import gettext as _
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from styr.core.formatting import format_number
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


def quoted(text: str, length: int = 60) -> str:
    """What a cell holds, for a message: ”…” on one line, cut short if it is long."""
    text = " ".join(text.split())
    return f"”{text if len(text) <= length else text[: length - 1] + '…'}”"


def parse_decimal(value: CellValue, *, max_digits: int, decimal_places: int) -> Decimal | None:
    """The number in a cell, rounded to the field's decimals; None for an empty cell.

    Raises CellError for text that is not a number, NaN and infinities, dates, booleans, Excel
    errors and numbers the field cannot hold.
    """
    if value is None:
        return None
    # bool is an int in Python; TRUE in a number cell is a mistake, not 1.
    if isinstance(value, bool):
        # Translators: SANT and FALSKT are TRUE and FALSE as Swedish Excel shows them.
        raise CellError(_("SANT är inte ett tal") if value else _("FALSKT är inte ett tal"))
    if isinstance(value, datetime | date | time):
        raise CellError(
            _("%(value)s är ett datum eller klockslag, inte ett tal") % {"value": value.isoformat()}
        )
    if isinstance(value, float):
        if not math.isfinite(value):
            raise CellError(_("%(value)s är inte ett giltigt tal") % {"value": value})
        # repr is the shortest text that gives the same float: what the official typed.
        number = Decimal(repr(value))
    elif isinstance(value, int):
        number = Decimal(value)
    elif isinstance(value, Decimal):
        if not value.is_finite():
            raise CellError(_("%(value)s är inte ett giltigt tal") % {"value": value})
        number = value
    else:
        text = str(value).strip()
        if not text:
            return None
        if text.upper() in EXCEL_ERRORS:
            raise CellError(
                _("%(value)s är ett felvärde från Excel, inte ett tal") % {"value": text}
            )
        compact = _SPACES.sub(" ", text)
        if not _NUMBER.match(compact):
            raise CellError(_("%(value)s är inte ett tal") % {"value": quoted(text)})
        try:
            number = Decimal(compact.replace(" ", "").replace(",", ".").replace("−", "-"))
        except InvalidOperation:  # pragma: no cover - the pattern excludes these
            raise CellError(_("%(value)s är inte ett tal") % {"value": quoted(text)}) from None
    limit = Decimal(10) ** (max_digits - decimal_places)
    # Out of range is decided before rounding, which cannot hold more digits than the context.
    rounded = number
    if abs(number) < limit:
        rounded = number.quantize(
            Decimal(1).scaleb(-decimal_places), rounding=ROUND_HALF_UP, context=_WIDE
        )
    if abs(rounded) >= limit:
        raise CellError(
            _("%(value)s har för många siffror (högst %(digits)s före decimaltecknet)")
            % {"value": _shown(value), "digits": format_number(max_digits - decimal_places)}
        )
    return rounded


def _shown(value: CellValue) -> str:
    """A refused value as the official sees it: a text quoted, a number the Swedish way."""
    if isinstance(value, str):
        return quoted(value)
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
        if number.is_finite():
            if number.adjusted() < 24:
                return format_number(number)
            # A huge number as Excel shows it: 1,5E+300.
            return format(number.normalize(), "E").replace(".", ",").replace("-", "−", 1)
    return str(value)


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
        raise CellError(_("%(value)s är ett felvärde från Excel, inte en text") % {"value": text})
    return comparable_text(text)


def comparable_text(text: str) -> str:
    """A stored text as a workbook can hold it: what an unedited cell reads back as."""
    return ILLEGAL_CHARACTERS_RE.sub("", clean_text(text)).strip()


def parse_choice(value: CellValue, choices: dict[str, str], wrong: str) -> str:
    """The key of the choice a cell names by its label (any case); "" for an empty cell.

    `wrong` says what a text that names no choice is, e.g. "finns inte i skalan".
    """
    text = parse_text(value)
    if not text:
        return ""
    wanted = text.casefold()
    for label, key in choices.items():
        if label.casefold() == wanted:
            return key
    listed = ", ".join(choices)
    raise CellError(
        # Translators: %(wrong)s says what the value is, e.g. "finns inte i skalan".
        _("%(value)s %(wrong)s (välj något av: %(choices)s)")
        % {"value": quoted(text), "wrong": wrong, "choices": listed}
    )


def parse_whole(value: CellValue, allowed: list[int], what: str) -> int:
    """A whole number from a list, e.g. a probability level of the plan's risk matrix.

    `what` names such a number for a message, e.g. "en nivå för sannolikhet i riskmatrisen".
    """
    number = parse_decimal(value, max_digits=6, decimal_places=0)
    listed = _runs(allowed)
    if number is None:
        # Translators: %(what)s names the number asked for, e.g. "en färdiggrad i procent".
        raise CellError(_("skriv %(what)s (välj något av: %(choices)s)") % {
            "what": what, "choices": listed
        })  # fmt: skip
    whole = int(number)
    if whole not in allowed or number != parse_decimal(value, max_digits=12, decimal_places=6):
        raise CellError(_("%(value)s är inte %(what)s (välj något av: %(choices)s)") % {
            "value": _shown(value), "what": what, "choices": listed
        })  # fmt: skip
    return whole


def _runs(numbers: list[int]) -> str:
    """Whole numbers as a short list: 0–100, or 1, 2, 4 (a run of three or more as a span)."""
    parts: list[str] = []
    ordered = sorted(set(numbers))
    start = 0
    while start < len(ordered):
        end = start
        while end + 1 < len(ordered) and ordered[end + 1] == ordered[end] + 1:
            end += 1
        first, last = format_number(ordered[start]), format_number(ordered[end])
        if end - start >= 2:
            parts.append(f"{first}–{last}")
        else:
            parts.extend(format_number(n) for n in ordered[start : end + 1])
        start = end + 1
    return ", ".join(parts)
