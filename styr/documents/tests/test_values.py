"""Values as documents print them: Swedish numbers, periods, amounts; empty stays empty."""

from decimal import Decimal

from styr.documents.context import genitive
from styr.documents.formats import amount_text, measure_text, period_text


def test_measures_are_rounded_to_their_decimals_without_padding() -> None:
    assert measure_text(Decimal("83.5714"), 1) == "83,6"
    assert measure_text(Decimal("86"), 1) == "86"
    assert measure_text(Decimal("35201"), 0) == "35 201"
    assert measure_text(Decimal("-5"), 0) == "\u22125"
    assert measure_text(None, 1) == ""


def test_periods_and_amounts() -> None:
    assert period_text(2024, 2025) == "2024-2025"
    assert period_text(2024, 2024) == "2024"
    assert period_text(None, None, "Under hösten 2023") == "Under hösten 2023"
    assert amount_text(Decimal("0.5"), "mnkr") == "0,5 mnkr"
    assert amount_text(Decimal("2500000"), "kr", decimals=0) == "2 500 000 kr"
    assert amount_text(None, "mnkr", "3-4 mnkr för inköp") == "3-4 mnkr för inköp"


def test_swedish_genitive() -> None:
    assert genitive("Marks kommun") == "Marks kommuns"
    assert genitive("Kommunstyrelsen") == "Kommunstyrelsens"
    assert genitive("Borås") == "Borås"
