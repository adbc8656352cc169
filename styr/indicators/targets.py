"""Relative targets: "ökning jämfört med 2022" instead of a number.

A relative target is stored as a target value with a reference year: the result must stand in
the target's comparator to the reference year's outcome plus the value (0 for a plain
"ökning"). It is written in Swedish words, the same everywhere (files, spreadsheets, the log),
and read back by `parse_relative`; `target_text` shows it in the reader's language.
"""

import re
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from styr.core.formatting import format_target

_CHANGE = re.compile(
    r"^\s*(ökning|minskning)"
    r"(?:\s+med\s+minst\s+([0-9][0-9\u00a0 ]*(?:[.,][0-9]+)?))?"
    r"\s+jämfört\s+med\s+(\d{4})\s*$",
    re.IGNORECASE,
)
_SAME = re.compile(
    r"^\s*(minst|högst|samma)(?:\s+lika\s+mycket)?\s+som\s+(\d{4})\s*$", re.IGNORECASE
)
SAME_COMPARATORS = {"minst": "≥", "högst": "≤", "samma": "="}
EXAMPLES = (
    "”ökning jämfört med 2022”, ”minskning med minst 5 jämfört med 2022”, "
    "”minst lika mycket som 2022”"
)


def parse_relative(text: str) -> tuple[str, Decimal, int] | None:
    """(comparator, change, reference year) of a target in words; None if it is not one."""
    change = _CHANGE.match(text)
    if change:
        word, amount, year = change.groups()
        increase = word.lower() == "ökning"
        if amount is None:
            return (">" if increase else "<"), Decimal(0), int(year)
        try:
            number = Decimal(re.sub(r"[  ]", "", amount).replace(",", "."))
        except InvalidOperation:  # pragma: no cover - the pattern admits numbers only
            return None
        return ("≥", number, int(year)) if increase else ("≤", -number, int(year))
    same = _SAME.match(text)
    if same:
        return SAME_COMPARATORS[same.group(1).lower()], Decimal(0), int(same.group(2))
    return None


def relative_text(comparator: str, change: Decimal, reference_year: int) -> str:
    """The target in words, as `parse_relative` reads it back."""
    if change == 0:
        words = {">": "ökning jämfört med", "<": "minskning jämfört med",
                 "≥": "minst lika mycket som", "≤": "högst lika mycket som",
                 "=": "samma som"}  # fmt: skip
        return f"{words.get(comparator, 'minst lika mycket som')} {reference_year}"
    # No thousands separator: the words are read back by parse_relative, also from Excel.
    amount = format(abs(change).normalize(), "f").replace(".", ",")
    word = "ökning" if change > 0 else "minskning"
    return f"{word} med minst {amount} jämfört med {reference_year}"


def target_text(
    comparator: str, value: Decimal | None, reference_year: int | None, decimals: int | None = None
) -> str:
    """`≥ 87`, or for a relative target `Ökning jämfört med 2022`."""
    if value is None:
        return ""
    if reference_year is not None:
        return _relative_words(comparator, value, reference_year)
    return format_target(comparator, value, decimals)


def _relative_words(comparator: str, change: Decimal, reference_year: int) -> str:
    """A relative target in words for reading, in the interface's language: in Swedish the
    words of `relative_text`, capitalised (a document is always built in Swedish)."""
    year = {"year": reference_year}
    if change == 0:
        if comparator == ">":
            return _("Ökning jämfört med %(year)s") % year
        if comparator == "<":
            return _("Minskning jämfört med %(year)s") % year
        if comparator == "≤":
            return _("Högst lika mycket som %(year)s") % year
        if comparator == "=":
            return _("Samma som %(year)s") % year
        return _("Minst lika mycket som %(year)s") % year
    # The amount as relative_text writes it (no thousands separator, a decimal comma).
    amount = format(abs(change).normalize(), "f").replace(".", ",")
    if change > 0:
        return _("Ökning med minst %(amount)s jämfört med %(year)s") % {"amount": amount, **year}
    return _("Minskning med minst %(amount)s jämfört med %(year)s") % {"amount": amount, **year}


def reference_outcome(values: Iterable[object], reference_year: int) -> Decimal | None:
    """The reference year's outcome among an indicator's values."""
    for value in values:
        if (
            getattr(value, "year", None) == reference_year
            and getattr(value, "kind", "") == "outcome"
        ):
            found = getattr(value, "value", None)
            return found if isinstance(found, Decimal) else None
    return None
