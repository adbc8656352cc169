"""Files shaped as Kolada's real dump: KPIs divided by gender (T, K, M) beside KPIs with only a
total (T), nulls among the numbers, numbers with many decimals. A null is no value: not stored,
not counted as read, not a withdrawal on a first import. A re-import leaves every row as it was.
The same in the importing process and in the reading child."""

import json
from pathlib import Path
from typing import Any

import pytest

from styr.kolada.actions import do_import_kolada
from styr.kolada.models import KoladaValue
from styr.kolada.tests.helpers import AREAS, KPIS, answer, value, write

pytestmark = pytest.mark.django_db

AREA_IDS = [a["id"] for a in AREAS]
YEARS = range(1994, 2023)


def _files(folder: Path) -> tuple[list[Path], int, int]:
    """A KPI by gender and one with a total only; (files, numbers, nulls)."""
    kpis = [
        {**KPIS[0], "id": "N15428", "is_divided_by_gender": 1},
        {**KPIS[0], "id": "U07451", "is_divided_by_gender": 0},
    ]
    numbers = nulls = 0
    files = [
        write(folder, "kpi.json", json.dumps(answer(kpis))),
        write(folder, "municipality.json", answer(AREAS)),
    ]
    for kpi in kpis:
        genders = "TKM" if kpi["is_divided_by_gender"] else "T"
        records: list[Any] = []
        for area in AREA_IDS:
            for year in YEARS:
                values = []
                for n, gender in enumerate(genders):
                    # Every fifth value null, as a fifth of Kolada's are; many decimals.
                    if (year + n) % 5 == 0:
                        values.append(value(gender, None))
                        nulls += 1
                    else:
                        values.append(value(gender, year / 7 + n / 3))
                        numbers += 1
                records.append(
                    {"kpi": kpi["id"], "municipality": area, "period": year, "values": values}
                )
        files.append(write(folder, f"data/{kpi['id']}.json", answer(records)))
    return files, numbers, nulls


@pytest.mark.parametrize("reader_process", [False, True])
def test_it_stores_the_numbers_and_no_null(tmp_path: Path, reader_process: bool) -> None:
    files, numbers, nulls = _files(tmp_path)
    assert nulls > 0
    summary = do_import_kolada(files, acting_user=None, reader_process=reader_process)
    assert (summary.values, summary.added, summary.withdrawn) == (numbers, numbers, 0)
    assert KoladaValue.objects.count() == numbers
    # The KPI without a gender split has totals only.
    assert set(KoladaValue.objects.filter(kpi_id="U07451").values_list("gender", flat=True)) == {
        "T"
    }
    assert set(KoladaValue.objects.filter(kpi_id="N15428").values_list("gender", flat=True)) == {
        "T",
        "K",
        "M",
    }
    stored = KoladaValue.objects.get(kpi_id="N15428", area_id="1463", year=2021, gender="K")
    assert stored.value == 2021 / 7 + 1 / 3  # every digit of the double
    assert not KoladaValue.objects.filter(kpi_id="U07451", year=2020).exists()  # null


@pytest.mark.parametrize("reader_process", [False, True])
def test_it_leaves_every_row_as_it_was_on_a_re_import(tmp_path: Path, reader_process) -> None:
    files, numbers, _ = _files(tmp_path)
    do_import_kolada(files, acting_user=None, reader_process=reader_process)
    before = list(KoladaValue.objects.values_list("kpi_id", "area_id", "year", "gender", "value"))
    again = do_import_kolada(files, acting_user=None, reader_process=reader_process)
    assert (again.values, again.added, again.updated, again.unchanged) == (numbers, 0, 0, numbers)
    assert again.withdrawn == 0  # the nulls were never stored
    after = list(KoladaValue.objects.values_list("kpi_id", "area_id", "year", "gender", "value"))
    assert sorted(after) == sorted(before)
