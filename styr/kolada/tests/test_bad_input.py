"""Bad Kolada files are refused with where the fault is, and nothing is written."""

import gzip
from pathlib import Path

import pytest

from styr.audit.models import AuditEntry
from styr.kolada.actions import KoladaImportRefused, do_import_kolada
from styr.kolada.models import Area, KoladaValue, Kpi
from styr.kolada.tests.helpers import answer, catalogue, record, value, write

pytestmark = pytest.mark.django_db


def _state() -> tuple[int, ...]:
    return (
        Kpi.objects.count(),
        Area.objects.count(),
        KoladaValue.objects.count(),
        AuditEntry.objects.count(),
    )


def _refused(paths: list[Path]) -> str:
    before = _state()
    with pytest.raises(KoladaImportRefused) as caught:
        do_import_kolada(paths, acting_user=None)
    assert _state() == before, "a refused import must leave the database unchanged"
    assert caught.value.summary.refused >= 1
    return "\n".join(str(e) for e in caught.value.errors)


def _data(tmp_path: Path, records: list[object]) -> list[Path]:
    return [*catalogue(tmp_path), write(tmp_path, "data/N01951.json", answer(records))]


def test_it_names_the_line_of_malformed_json(tmp_path: Path) -> None:
    path = write(tmp_path, "data/N01951.json", '{"values": [\n{"kpi": "N01951",,}\n]}')
    message = _refused([*catalogue(tmp_path), path])
    assert "N01951.json:2:" in message and "is not valid JSON" in message


def test_it_says_a_truncated_file_is_truncated(tmp_path: Path) -> None:
    full = '{"values": [{"kpi": "N01951", "municipality": "1463", "period": 2021, "values": []}]}'
    path = write(tmp_path, "data/N01951.json", full[:60])
    assert "truncated" in _refused([*catalogue(tmp_path), path])


def test_it_says_a_truncated_gzip_file_cannot_be_read(tmp_path: Path) -> None:
    body = gzip.compress(b'{"values": [' + b'{"id": "0000", "title": "Riket", "type": "L"},' * 500)
    path = tmp_path / "municipality.json.gz"
    path.write_bytes(body[: len(body) // 2])
    assert "municipality.json.gz" in _refused([path])


def test_it_refuses_text_in_a_number(tmp_path: Path) -> None:
    message = _refused(_data(tmp_path, [record(values=[value("T", "35 201")])]))
    assert "N01951.json:3:3: record 0: values[0].value: '35 201' is not a number" in message


def test_it_refuses_a_missing_field(tmp_path: Path) -> None:
    bad = record()
    del bad["period"]
    assert "record 0: period: is missing" in _refused(_data(tmp_path, [bad]))


@pytest.mark.parametrize("number", ["NaN", "Infinity", "-Infinity", "1e30"])
def test_it_refuses_nan_infinity_and_numbers_beyond_range(tmp_path: Path, number: str) -> None:
    text = (
        '{"values": [{"kpi": "N01951", "municipality": "1463", "period": 2021, '
        f'"values": [{{"gender": "T", "value": {number}}}]}}]}}'
    )
    paths = [*catalogue(tmp_path), write(tmp_path, "data/N01951.json", text)]
    assert "values[0].value:" in _refused(paths)


def test_it_refuses_an_unknown_gender(tmp_path: Path) -> None:
    message = _refused(_data(tmp_path, [record(values=[value("X", 1.0)])]))
    assert "values[0].gender: 'X' is not T, K or M" in message


@pytest.mark.parametrize("period", ["2021", 21.5, 1066, 99999, True])
def test_it_refuses_a_period_that_is_not_a_year(tmp_path: Path, period: object) -> None:
    assert "record 0: period:" in _refused(_data(tmp_path, [record(period=period)]))


def test_it_refuses_a_value_given_twice(tmp_path: Path) -> None:
    message = _refused(_data(tmp_path, [record(), record(values=[value("T", 1.0)])]))
    assert "record 1: values[0]: N01951 1463 2021 gender T is given twice" in message


def test_it_refuses_a_value_given_twice_in_two_files(tmp_path: Path) -> None:
    paths = [*_data(tmp_path, [record()]), write(tmp_path, "data/x.json", answer([record()]))]
    assert "x.json:3:3: record 0: values[0]: N01951 1463 2021 gender T is given twice" in (
        _refused(paths)
    )


def test_it_refuses_an_unknown_kpi_or_area(tmp_path: Path) -> None:
    bad_kpi = {**record(), "kpi": "N99999"}
    message = _refused(_data(tmp_path, [bad_kpi, record(area="9999")]))
    assert "record 0: kpi: 'N99999' is not in the KPI catalogue" in message
    assert "record 1: municipality: '9999' is not a known area" in message


def test_it_refuses_data_without_its_catalogue(tmp_path: Path) -> None:
    path = write(tmp_path, "N01951.json", answer([record()]))
    assert "is not in the KPI catalogue" in _refused([path])


def test_it_refuses_a_bad_area_record(tmp_path: Path) -> None:
    path = write(tmp_path, "municipality.json", answer([{"id": "14", "title": "X", "type": "K"}]))
    assert "record 0: id: '14' is not a Kolada area id" in _refused([path])


def test_it_refuses_a_file_that_is_no_kolada_answer(tmp_path: Path) -> None:
    path = write(tmp_path, "other.json", '{"rows": []}')
    assert 'has no "values" list' in _refused([path])


def test_it_keeps_the_good_files_out_too_when_one_is_bad(tmp_path: Path) -> None:
    paths = _data(tmp_path, [record(), record(period="x")])
    _refused(paths)
    assert not Kpi.objects.filter(pk="N01951").exists()
