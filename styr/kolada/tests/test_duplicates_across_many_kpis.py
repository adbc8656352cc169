"""Memory stays flat in the number of KPIs: only the last few KPIs' duplicate bits are kept in
memory, the others go to a temporary file. A value given twice is still refused, however many
KPIs came between, and a KPI that comes back (a later page) is no duplicate of itself."""

import json
from pathlib import Path
from typing import Any

import pytest

from styr.kolada import records
from styr.kolada.actions import KoladaImportRefused, do_import_kolada
from styr.kolada.models import KoladaValue
from styr.kolada.records import SeenKeys
from styr.kolada.tests.helpers import AREAS, KPIS, answer, value, write

AREA_IDS = [a["id"] for a in AREAS]
KPI_IDS = [f"N{n:05d}" for n in range(40)]


def test_it_keeps_only_a_few_kpis_in_memory_and_remembers_the_rest() -> None:
    with SeenKeys(AREA_IDS, resident=3) as seen:
        for kpi in KPI_IDS:
            assert seen.first_time(kpi, "1463", 2021, "T")
            assert seen.kpis_in_memory <= 3
        # Every KPI again, long after it left memory: each key is known, a new one is not.
        for kpi in KPI_IDS:
            assert not seen.first_time(kpi, "1463", 2021, "T")
            assert seen.first_time(kpi, "1463", 2021, "K")
            assert seen.kpis_in_memory <= 3
        assert not seen.first_time(KPI_IDS[0], "1463", 2021, "K")


def _catalogue(folder: Path) -> list[Path]:
    kpis = [{**KPIS[0], "id": kpi} for kpi in KPI_IDS]
    return [
        write(folder, "kpi.json", json.dumps(answer(kpis))),
        write(folder, "municipality.json", answer(AREAS)),
    ]


def _record(kpi: str, year: int, number: float) -> dict[str, Any]:
    return {"kpi": kpi, "municipality": "1463", "period": year, "values": [value("T", number)]}


@pytest.mark.django_db
def test_it_refuses_a_value_given_twice_after_many_other_kpis(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(records, "RESIDENT_KPIS", 2)
    # One area's page of many KPIs (as /v3/data/municipality answers), then the first KPI's
    # value again in another file.
    page = write(tmp_path, "data/a.json", answer([_record(k, 2021, 1.5) for k in KPI_IDS]))
    again = write(tmp_path, "data/b.json", answer([_record(KPI_IDS[0], 2021, 2.5)]))
    with pytest.raises(KoladaImportRefused) as refused:
        do_import_kolada([*_catalogue(tmp_path), page, again], acting_user=None)
    assert refused.value.summary.refused == 1
    assert "b.json:" in str(refused.value.errors[0])
    assert "N00000 1463 2021 gender T is given twice in this import" in str(refused.value.errors[0])
    assert not KoladaValue.objects.exists()


@pytest.mark.django_db
def test_it_takes_a_kpi_that_comes_back_with_other_keys(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(records, "RESIDENT_KPIS", 2)
    # Two pages of each KPI, the second after all the others' first.
    first = write(tmp_path, "data/1.json", answer([_record(k, 2020, 1.0) for k in KPI_IDS]))
    second = write(tmp_path, "data/2.json", answer([_record(k, 2021, 2.0) for k in KPI_IDS]))
    summary = do_import_kolada([*_catalogue(tmp_path), first, second], acting_user=None)
    assert (summary.values, summary.added, summary.refused) == (80, 80, 0)
    assert KoladaValue.objects.filter(year=2021, value=2.0).count() == 40
