"""Swedish text of the values documents show: periods, amounts, dates, percentages."""

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from styr.core.formatting import format_number


def period_text(start: int | None, end: int | None, note: str = "") -> str:
    """`2024-2025`, `2024`, or the period in words as the plan states it."""
    if start is None:
        return note
    years = str(start) if end in (None, start) else f"{start}-{end}"
    return f"{years} {note}".strip() if note and note != years else years


def amount_text(
    amount: Decimal | None, unit: str, note: str = "", decimals: int | None = None
) -> str:
    """`0,5 mnkr`, `2 500 000 kr`; a cost stated in words is shown as written."""
    if amount is None:
        return note
    return f"{format_number(amount, decimals)} {unit}".strip()


def date_text(value: date | None) -> str:
    return value.isoformat() if value else ""


def percent_text(value: int | None) -> str:
    return f"{value} %" if value is not None else ""


def measure_text(value: Decimal | None, decimals: int) -> str:
    """An indicator's or metric's value: rounded to its decimals, without padding.

    Plans print `86` and `78,8` in the same column; a Kolada value of 83,5714 is shown as
    83,6 when the indicator has one decimal.
    """
    if value is None:
        return ""
    rounded = value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    return format_number(rounded.normalize() if rounded == rounded.to_integral() else rounded)
