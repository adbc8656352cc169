"""Kolada's numbers are kept as Kolada gives them: a tiny share (7.355e-05) is not rounded to
zero or to six decimals, a long fraction keeps its digits, and reading a series gives back the
digits Kolada wrote, in the importing process and in the reading child alike."""

from decimal import Decimal
from pathlib import Path

import pytest

from styr.kolada.actions import do_import_kolada
from styr.kolada.models import KoladaValue
from styr.kolada.series import series
from styr.kolada.tests.helpers import answer, catalogue, record, value, write

pytestmark = pytest.mark.django_db

GIVEN = {2019: 7.355e-05, 2020: 83.61861234567, 2021: 1234567890123.5, 2022: -0.000000412}


@pytest.mark.parametrize("reader_process", [False, True])
def test_every_significant_digit_is_kept(tmp_path: Path, reader_process: bool) -> None:
    page = write(tmp_path, "data/page.json", answer([
        record(area="0014", period=year, values=[value("T", number)])
        for year, number in GIVEN.items()
    ]))  # fmt: skip
    do_import_kolada([*catalogue(tmp_path), page], acting_user=None, reader_process=reader_process)
    found = series("N01951", ["0014"], years=list(GIVEN))["0014"]
    assert found == {year: Decimal(repr(number)) for year, number in GIVEN.items()}
    assert found[2019] == Decimal("0.00007355") and found[2019] != 0


@pytest.mark.parametrize("reader_process", [False, True])
def test_it_keeps_the_nearest_double_of_a_number_with_more_digits(
    tmp_path: Path, reader_process: bool
) -> None:
    # Kolada writes some shares with more digits than a double holds: the value is the double
    # nearest to what is written (as any JSON reader takes it), not rounded to six decimals.
    written = {2019: "83.618612345678912345678", 2020: "0.0000001234567891", 2021: "66.7145932"}
    page = write(tmp_path, "data/page.json", answer([
        record(area="0014", period=year, values=[value("T", 1111.0 * year)]) for year in written
    ]))  # fmt: skip
    text = page.read_text()
    for year, number in written.items():
        text = text.replace(f'"value": {1111.0 * year}', f'"value": {number}')
    page.write_text(text)
    do_import_kolada([*catalogue(tmp_path), page], acting_user=None, reader_process=reader_process)
    stored = KoladaValue.objects.filter(area_id="0014").order_by("year")
    assert [v.value for v in stored] == [float(n) for n in written.values()]
    assert stored[1].value != round(float(written[2020]), 6)
