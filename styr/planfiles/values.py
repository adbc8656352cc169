"""Parsers for the small value formats of plan files: targets, periods, amounts, statuses."""

import re
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from styr.indicators.models import Comparator
from styr.indicators.targets import EXAMPLES, parse_relative, relative_text
from styr.planfiles.nodes import COMPARATORS, Node, parse_number, quoted
from styr.scales.models import Scale, ScaleOption

_TARGET = re.compile(r"^\s*(≥|>=|≤|<=|=|>|<)?\s*(.+?)\s*$")
_PERIOD = re.compile(r"^\s*(\d{4})(?:\s*[-–]\s*(\d{4}))?\s*$")
_AMOUNT = re.compile(r"^\s*(.+?)\s*(mnkr|tkr|kr)\s*$")


def parse_target(node: Node) -> tuple[str, Decimal, int | None]:
    """`≥ 81.2` → ("≥", 81.2, None); a bare number has no comparator (the polarity decides);
    `ökning jämfört med 2022` → (">", 0, 2022), a target relative to that year's outcome."""
    raw = node.text()
    relative = parse_relative(raw)
    if relative is not None:
        return relative
    match = _TARGET.match(raw)
    if match is None:  # pragma: no cover - the pattern matches any text
        raise node.error(_("%(value)s är inte ett målvärde") % {"value": quoted(raw)})
    comparator = COMPARATORS[match.group(1)] if match.group(1) else Comparator.NONE
    try:
        value = parse_number(match.group(2))
    except ValueError:
        raise node.error(
            # Translators: %(examples)s are Swedish phrases a plan file may use; keep them.
            _(
                "%(value)s är inte ett målvärde (skriv en jämförelse och ett tal, t.ex. ”≥ 81.2”, "
                "eller en förändring i ord: %(examples)s)"
            )
            % {"value": quoted(raw), "examples": EXAMPLES}
        ) from None
    return comparator, value, None


class Fixed(Decimal):
    """A number written with a fixed count of decimals (`18.0`), as the printed plan shows it."""


def with_decimals(value: Decimal, decimals: int) -> Decimal:
    """The value with the measure's decimals when that loses nothing, else the value as it is.

    A budget table printed with one decimal shows `18,0`; writing `18.0` keeps the file as
    close to the printed plan as the stored number allows.
    """
    if decimals <= 0:
        return value
    fixed = value.quantize(Decimal(1).scaleb(-decimals))
    return Fixed(fixed) if fixed == value else value


def format_target(
    comparator: str, value: Decimal, reference_year: int | None = None
) -> str | Decimal:
    if reference_year is not None:
        return relative_text(comparator, value, reference_year)
    return f"{comparator} {format_decimal(value)}" if comparator else value


@dataclass(frozen=True)
class Period:
    start: int | None
    end: int | None
    note: str


def parse_period(node: Node | None) -> Period:
    if node is None:
        return Period(None, None, "")
    raw = node.text().strip()
    match = _PERIOD.match(raw)
    if match is None:
        return Period(None, None, raw)
    start = int(match.group(1))
    end = int(match.group(2) or start)
    if end < start:
        raise node.error(
            _("%(value)s: perioden slutar innan den börjar; skriv det första året först")
            % {"value": quoted(raw)}
        )
    return Period(start, end, "")


def format_period(start: int | None, end: int | None, note: str) -> str | None:
    if start is None:
        return note or None
    return str(start) if end in (None, start) else f"{start}-{end}"


@dataclass(frozen=True)
class Amount:
    amount: Decimal | None
    unit: str
    note: str


def parse_amount(node: Node | None, default_unit: str = "mnkr") -> Amount:
    """`0,5 mnkr` → an amount; anything else is kept as a note in words."""
    if node is None:
        return Amount(None, default_unit, "")
    raw = node.text().strip()
    match = _AMOUNT.match(raw)
    if match is not None:
        try:
            return Amount(parse_number(match.group(1)), match.group(2), "")
        except ValueError:
            pass
    return Amount(None, default_unit, raw)


def format_amount(amount: Decimal | None, unit: str, note: str) -> str | None:
    if amount is None:
        return note or None
    return f"{format_decimal(amount).replace('.', ',')} {unit}"


def format_decimal(value: Decimal) -> str:
    """The shortest exact text of a decimal, without exponent: 83.600000 → 83.6, 1E+2 → 100."""
    if isinstance(value, Fixed):
        return format(value, "f")
    text = format(value.normalize(), "f")
    return "0" if text in {"-0", "0"} else text


class ScaleLookup:
    """Finds a scale's option by key (`ongoing`) or Swedish label (`Pågående`)."""

    def __init__(self, scale_key: str, municipality_id: int) -> None:
        # The plan's municipality's own scale if it has one, else the shipped one.
        self.scale = Scale.objects.current(scale_key, municipality_id)
        self.options = list(self.scale.options.all())

    def find(self, node: Node) -> ScaleOption:
        raw = node.text().strip()
        for option in self.options:
            if raw in (option.key, option.label) or raw.casefold() == option.label.casefold():
                return option
        known = ", ".join(f"{o.key} ({o.label})" for o in self.options)
        raise node.error(
            _("%(value)s finns inte i skalan %(scale)s (skalan har: %(known)s)")
            % {"value": quoted(raw), "scale": quoted(self.scale.name), "known": known}
        )
