"""Optimistic locking for single values (an indicator's outcome, a budget amount).

An editor's form carries the value they saw. The action compares it with the stored value
inside its transaction, with the row locked, so two people saving the same cell cannot both
win silently: the second is told what the first saved and keeps what they typed.
"""

from dataclasses import dataclass
from decimal import Decimal

from styr.core.formatting import format_number


@dataclass(frozen=True)
class Seen:
    """The value the editor saw when they began (None: the cell was empty)."""

    value: Decimal | None


class StaleValue(Exception):
    """Someone else saved the value after this edit began."""

    def __init__(self, current: Decimal | None) -> None:
        super().__init__("Någon annan har ändrat värdet medan du skrev.")
        self.current = current


def check_seen(seen: Seen | None, current: Decimal | None) -> None:
    """Refuse the save if the stored value is not the one the editor saw (None: no check)."""
    if seen is not None and seen.value != current:
        raise StaleValue(current)


def seen_from_text(text: str | None) -> Seen | None:
    """The value a form says its user saw: absent means unchecked, "" an empty cell."""
    if text is None:
        return None
    text = text.strip()
    try:
        return Seen(Decimal(text) if text else None)
    except ArithmeticError:
        return None


def seen_text(value: Decimal | None) -> str:
    """How a form carries the value its user sees."""
    return "" if value is None else format(value.normalize(), "f")


def stale_message(where: str, what: str, error: StaleValue, decimals: int, typed: str) -> str:
    """What an official is told when their save came after someone else's."""
    now = format_number(error.current, decimals) if error.current is not None else "tomt"
    return (
        f"{where}: någon annan har ändrat {what} till {now} medan du skrev. Ditt värde "
        f"{typed or '(tomt)'} står kvar i fältet; spara igen för att ersätta det andra."
    )
