"""Optimistic locking for single values (an indicator's outcome, a budget amount).

An editor's form carries the value they saw. The action compares it with the stored value
inside its transaction, with the row locked, so two people saving the same cell cannot both
win silently: the second is told what the first saved and keeps what they typed.
"""

import hashlib
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from styr.core.formatting import format_number


@dataclass(frozen=True)
class Seen:
    """The value the editor saw when they began (None: the cell was empty)."""

    value: Decimal | None


class StaleValue(Exception):
    """Someone else saved the value after this edit began."""

    def __init__(self, current: Decimal | None) -> None:
        super().__init__(_("Någon annan har ändrat värdet medan du skrev."))
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
    now = format_number(error.current, decimals) if error.current is not None else _("tomt")
    return _(
        "%(where)s: någon annan har ändrat %(what)s till %(now)s medan du skrev. Ditt värde "
        "%(typed)s står kvar i fältet; spara igen för att ersätta det andra."
    ) % {"where": where, "what": what, "now": now, "typed": typed or _("(tomt)")}


def fingerprint_of(instance: Any, fields: list[str] | tuple[str, ...]) -> str:
    """A short hash of an object's editable fields as the editor saw them."""
    return short_hash(
        "\x1f".join(
            str(getattr(instance, f"{f}_id", None) or getattr(instance, f, "")) for f in fields
        )
    )


@dataclass(frozen=True)
class Fingerprint:
    """What an editor's form was opened on: the fields it shows and their fingerprint."""

    fields: tuple[str, ...]
    value: str


class StaleRecord(Exception):
    """Someone else saved the object after this edit began; nothing was written."""

    def __init__(self, current: Any) -> None:
        super().__init__(_("Någon annan har sparat ändringar medan du redigerade."))
        self.current = current


def check_fingerprint(expect: Fingerprint | None, current: Any) -> None:
    """Refuse the save unless the stored object (read under its row lock) is the one the
    editor began from; None: no check (an import, a command)."""
    if expect is not None and fingerprint_of(current, expect.fields) != expect.value:
        raise StaleRecord(current)


def short_hash(text: str) -> str:
    """The short hash every version check compares (a form carries it as it was opened)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def version_of(*values: object) -> str:
    """The version of a follow-up as its form shows it (status key, comment, …)."""
    return short_hash(
        "\x1f".join("" if v is None else str(v).replace("\r\n", "\n").strip() for v in values)
    )


def check_version(expect: str | None, *stored: object) -> None:
    """Refuse a follow-up save unless the stored values (read under the row lock) are the ones
    the form showed; None: no check."""
    if expect is not None and version_of(*stored) != expect:
        raise StaleRecord(None)
