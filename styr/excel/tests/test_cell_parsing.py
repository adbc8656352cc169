"""Property-based tests of the cell parsers: what an export writes comes back the same, and
anything else is a CellError with a reason, never another exception."""

import math
from datetime import date, datetime
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from styr.core.formatting import format_number
from styr.excel.cells import (
    CellError,
    comparable_text,
    parse_choice,
    parse_decimal,
    parse_text,
    parse_whole,
    same_number,
)

VALUE = {"max_digits": 24, "decimal_places": 6}
stored_values = st.decimals(
    min_value=Decimal("-999999999999999999.999999"),
    max_value=Decimal("999999999999999999.999999"),
    places=6,
    allow_nan=False,
    allow_infinity=False,
)
cell_values = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(), st.text(), st.dates(), st.datetimes(),
    st.decimals(),
)  # fmt: skip


@given(stored_values)
def test_a_stored_value_written_as_excel_holds_it_is_no_change(stored: Decimal) -> None:
    # What the export writes: whole numbers as int, others as float.
    written = int(stored) if stored == stored.to_integral_value() else float(stored)
    assert same_number(stored, written)
    assert not same_number(stored, None)


@given(stored_values)
def test_a_number_typed_the_swedish_way_is_read_exactly(stored: Decimal) -> None:
    text = format_number(stored)  # "−1 234,5"
    assert parse_decimal(text, **VALUE) == stored


@given(st.decimals(min_value=-(10**15), max_value=10**15, places=3, allow_nan=False))
def test_a_number_typed_the_plain_way_is_read_exactly(number: Decimal) -> None:
    assert parse_decimal(format(number, "f"), **VALUE) == number


@given(cell_values)
def test_any_cell_is_a_number_or_a_reason(value: object) -> None:
    try:
        result = parse_decimal(value, **VALUE)  # type: ignore[arg-type]
    except CellError as error:
        assert str(error)
    else:
        assert result is None or (result.is_finite() and abs(result) < Decimal(10) ** 18)


# Every float that is not finite, drawn directly: filtering all floats for them starves the
# generator.
@given(st.sampled_from([math.nan, -math.nan, math.inf, -math.inf]))
def test_nan_and_infinities_are_refused(value: float) -> None:
    with pytest.raises(CellError, match="är inte ett giltigt tal"):
        parse_decimal(value, **VALUE)


@given(st.decimals(min_value=Decimal(10) ** 18, max_value=Decimal(10) ** 30, allow_nan=False))
def test_numbers_beyond_the_field_are_refused(value: Decimal) -> None:
    with pytest.raises(CellError, match="har för många siffror"):
        parse_decimal(value, **VALUE)
    with pytest.raises(CellError, match="har för många siffror"):
        parse_decimal(-value, **VALUE)


@given(st.text().filter(lambda t: not any(ch.isdigit() for ch in t) and t.strip()))
def test_text_without_digits_is_not_a_number(text: str) -> None:
    with pytest.raises(CellError):
        parse_decimal(text, **VALUE)


def test_the_reason_quotes_what_was_typed() -> None:
    with pytest.raises(CellError) as error:
        parse_decimal("ca 80", **VALUE)
    assert str(error.value) == "”ca 80” är inte ett tal"
    assert parse_decimal("  ", **VALUE) is None
    assert parse_decimal("−205,6", **VALUE) == Decimal("-205.6")
    assert parse_decimal("35 201", **VALUE) == Decimal(35201)
    assert parse_decimal(0.1 + 0.2, max_digits=20, decimal_places=4) == Decimal("0.3000")


@given(st.text())
def test_a_text_cell_reads_back_as_stored_text_compares(text: str) -> None:
    assert parse_text(comparable_text(text)) == comparable_text(text)


@given(cell_values)
def test_any_cell_is_a_text_or_a_reason(value: object) -> None:
    try:
        text = parse_text(value)  # type: ignore[arg-type]
    except CellError:
        return
    assert text == text.strip()


def test_text_cells_holding_numbers_and_dates_read_as_typed() -> None:
    assert parse_text(12.0) == "12"
    assert parse_text(datetime(2024, 5, 1)) == "2024-05-01"
    assert parse_text(date(2024, 5, 1)) == "2024-05-01"


@given(st.sampled_from(["Pågående", "pågående", " PÅGÅENDE "]))
def test_a_choice_is_found_by_its_label_in_any_case(typed: str) -> None:
    assert parse_choice(typed, {"Ej påbörjat": "1", "Pågående": "2"}, "finns inte i skalan") == "2"


@given(st.integers())
def test_a_level_is_a_whole_number_of_the_matrix(value: int) -> None:
    levels = [1, 2, 3, 4]
    if value in levels:
        assert parse_whole(value, levels, "en nivå") == value
    else:
        with pytest.raises(CellError):
            parse_whole(value, levels, "en nivå")
    with pytest.raises(CellError):
        parse_whole(2.5, levels, "en nivå")


def test_a_reason_shows_numbers_the_swedish_way_and_long_texts_cut_short() -> None:
    with pytest.raises(CellError) as error:
        parse_decimal(1e18, **VALUE)
    assert str(error.value) == (
        "1 000 000 000 000 000 000 har för många siffror (högst 18 före decimaltecknet)"
    )
    with pytest.raises(CellError) as error:
        parse_whole(2.5, [1, 2, 3, 4, 6], "en nivå")
    assert str(error.value) == "2,5 är inte en nivå (välj något av: 1–4, 6)"
    with pytest.raises(CellError) as error:
        parse_decimal("ungefär som förra året,\nkanske lite mer " * 3, **VALUE)
    assert str(error.value).startswith("”ungefär som förra året, kanske lite mer ungefär")
    assert str(error.value).endswith("…” är inte ett tal")
