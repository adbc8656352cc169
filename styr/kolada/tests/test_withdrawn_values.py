"""Kolada withdraws values: a later answer gives null, or marks the value deleted. Such a value
is removed from what Styr stores and counted in the summary, in the importing process and in
the reading child alike; a key given a number elsewhere in the same import keeps it."""

from pathlib import Path

import pytest

from styr.kolada.actions import do_import_kolada
from styr.kolada.models import KoladaValue
from styr.kolada.tests.helpers import answer, catalogue, record, value, write

pytestmark = pytest.mark.django_db


def _stored() -> dict[tuple[str, int, str], float]:
    return {
        (v.area_id, v.year, v.gender): float(v.value)
        for v in KoladaValue.objects.filter(kpi_id="N01951", area_id__in=["0000", "0014"])
    }


@pytest.mark.parametrize("reader_process", [False, True])
def test_withdrawn_values_are_removed_and_counted(tmp_path: Path, reader_process: bool) -> None:
    files = catalogue(tmp_path)
    KoladaValue.objects.filter(kpi_id="N01951", area_id__in=["0000", "0014"]).delete()
    first = write(tmp_path, "first/page.json", answer([
        record(area="0000", period=2020, values=[value("T", 10.0), value("K", 4.0)]),
        record(area="0014", period=2020, values=[value("T", 20.0)]),
        record(area="0014", period=2021, values=[value("T", 21.0)]),
    ]))  # fmt: skip
    do_import_kolada([*files, first], acting_user=None, reader_process=reader_process)
    deleted = value("K", 4.0) | {"isdeleted": True}
    later = write(tmp_path, "later/page.json", answer([
        record(area="0000", period=2020, values=[value("T", 10.0), deleted]),
        record(area="0014", period=2020, values=[value("T", None)]),
    ]))  # fmt: skip
    # The same key withdrawn in one file and given a number in another: the number stands.
    again = write(tmp_path, "later/again.json", answer([
        record(area="0014", period=2021, values=[value("T", 21.5)]),
    ]))  # fmt: skip
    also = write(tmp_path, "later/also.json", answer([
        record(area="0014", period=2021, values=[value("T", None)]),
    ]))  # fmt: skip

    summary = do_import_kolada(
        [*files, later, again, also], acting_user=None, reader_process=reader_process
    )

    assert summary.withdrawn == 2
    assert _stored() == {("0000", 2020, "T"): 10.0, ("0014", 2021, "T"): 21.5}
