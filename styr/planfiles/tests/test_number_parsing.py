"""Numbers in plan files are read exactly, the YAML way or the Swedish way."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from styr.core.formatting import format_number
from styr.planfiles.nodes import parse_number
from styr.planfiles.values import format_decimal


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("83.6", Decimal("83.6")),
        ("83,6", Decimal("83.6")),
        ("35 201", Decimal("35201")),
        ("35\u00a0201", Decimal("35201")),
        ("−205,6", Decimal("-205.6")),
        ("-5", Decimal("-5")),
        ("17 000 000", Decimal("17000000")),
    ],
)
def test_it_reads_numbers_as_officials_write_them(text: str, value: Decimal) -> None:
    assert parse_number(text) == value


@pytest.mark.parametrize("text", ["tolv", "17 000 0000", "1e5", "nan", "inf", "", "1,2,3", "12 34"])
def test_it_refuses_what_is_not_a_number(text: str) -> None:
    with pytest.raises(ValueError, match="är inte ett tal"):
        parse_number(text)


amounts = st.decimals(
    min_value=Decimal("-1e15"), max_value=Decimal("1e15"), places=4, allow_nan=False
)


@given(amounts)
def test_it_reads_back_what_export_writes(value: Decimal) -> None:
    assert parse_number(format_decimal(value)) == value


@given(amounts)
def test_it_reads_back_the_swedish_format(value: Decimal) -> None:
    assert parse_number(format_number(value)) == value


@given(st.text(max_size=30))
def test_it_never_crashes_on_arbitrary_text(text: str) -> None:
    try:
        parse_number(text)
    except ValueError as exc:
        assert "är inte ett tal" in str(exc) or "är ett för stort tal" in str(exc)
