from decimal import Decimal

import pytest

from styr.core.formatting import format_number, format_target


@pytest.mark.parametrize(
    ("value", "decimals", "text"),
    [
        (Decimal("35201"), 0, "35 201"),
        (Decimal("83.6"), 1, "83,6"),
        (Decimal("-205.6"), 1, "−205,6"),
        (Decimal("-83"), 1, "−83,0"),
        (Decimal("18"), 1, "18,0"),
        (Decimal("15400000"), 0, "15 400 000"),
        (Decimal("0.05"), 1, "0,1"),
        (Decimal("-0.04"), 1, "0,0"),
        (Decimal("12593"), None, "12 593"),
        (Decimal("10.700000"), None, "10,7"),
        (None, 1, ""),
    ],
)
def test_it_formats_numbers_the_swedish_way(
    value: Decimal | None, decimals: int | None, text: str
) -> None:
    assert format_number(value, decimals) == text


def test_it_formats_targets_with_their_comparator() -> None:
    assert format_target("≥", Decimal("81.2"), 1) == "≥ 81,2"
    assert format_target("", Decimal("10"), 0) == "10"
    assert format_target("≤", None) == ""


def test_pasted_control_characters_are_cleaned() -> None:
    from styr.core.text import clean_text

    assert clean_text("a\x0bb\r\nc\x00d\x1fe\tf") == "a\nb\ncde f"
