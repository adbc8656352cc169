"""Swedish (sv-SE) formatting of numbers and targets: `35 201`, `83,6`, `−205,6`, `≥ 81,2`."""

from decimal import ROUND_HALF_UP, Decimal

MINUS = "\u2212"  # the typographic minus sign, as Swedish typesetting uses


def format_number(
    value: Decimal | int | None, decimals: int | None = None, *, space: str = " "
) -> str:
    """Format a number the Swedish way. None (an empty cell) gives "".

    With `decimals`, the value is rounded half-up to that many places; without, it is shown
    exactly, with no trailing zeros.
    """
    if value is None:
        return ""
    number = Decimal(value)
    if decimals is not None:
        number = number.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
        text = format(number, "f")
    else:
        text = format(number.normalize(), "f")
    negative = text.startswith("-")
    text = text.lstrip("-")
    whole, _, fraction = text.partition(".")
    groups: list[str] = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    result = space.join(groups) + ("," + fraction if fraction else "")
    if negative and any(ch not in "0," for ch in result.replace(space, "")):
        result = MINUS + result
    return result


def format_target(comparator: str, value: Decimal | None, decimals: int | None = None) -> str:
    if value is None:
        return ""
    number = format_number(value, decimals)
    return f"{comparator} {number}" if comparator else number
