"""An import of Kolada files keeps its change set: every value it added, changed or withdrew,
with the value before and after, under the import's audit entry. Values it left as they were
are not in it."""

from pathlib import Path

import pytest

from styr.audit.models import AuditEntry
from styr.kolada.actions import do_import_kolada
from styr.kolada.models import KoladaChange, KoladaValue
from styr.kolada.tests.helpers import answer, catalogue, record, value, write

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("reader_process", [False, True])
def test_it_records_each_added_changed_and_withdrawn_value(
    tmp_path: Path, reader_process: bool
) -> None:
    files = catalogue(tmp_path)
    KoladaValue.objects.filter(kpi_id="N01951", area_id__in=["0000", "0014"]).delete()
    first = write(tmp_path, "first/page.json", answer([
        record(area="0000", period=2020, values=[value("T", 10.0), value("K", 4.0)]),
        record(area="0014", period=2021, values=[value("T", 21.0)]),
    ]))  # fmt: skip
    do_import_kolada([*files, first], acting_user=None)
    later = write(tmp_path, "later/page.json", answer([
        record(area="0000", period=2020, values=[value("T", 10.5), value("K", 4.0)]),
        record(area="0014", period=2021, values=[value("T", None)]),
        record(area="0014", period=2022, values=[value("T", 7.355e-05)]),
    ]))  # fmt: skip

    summary = do_import_kolada([*files, later], acting_user=None, reader_process=reader_process)

    entry = AuditEntry.objects.filter(action="kolada_imported").latest("pk")
    changes = {
        (c.area_id, c.year, c.gender): (c.old, c.new)
        for c in KoladaChange.objects.of_entry(entry.pk).filter(kpi_id="N01951")
    }
    assert changes == {
        ("0000", 2020, "T"): (10.0, 10.5),
        ("0014", 2021, "T"): (21.0, None),
        ("0014", 2022, "T"): (None, 7.355e-05),
    }
    assert (summary.added, summary.updated, summary.withdrawn) == (1, 1, 1)
    assert entry.changes["first_import"] is False
    assert entry.changes["withdrawn"] == 1


def test_it_records_nothing_for_an_import_that_changes_nothing(tmp_path: Path) -> None:
    files = catalogue(tmp_path)
    page = write(tmp_path, "page.json", answer([record(area="0000", period=2020)]))
    do_import_kolada([*files, page], acting_user=None)

    do_import_kolada([*files, page], acting_user=None)

    entry = AuditEntry.objects.filter(action="kolada_imported").latest("pk")
    assert entry.changes["unchanged"] == 1
    assert not KoladaChange.objects.of_entry(entry.pk).exists()


def test_a_first_import_into_an_empty_store_is_its_own_change_set(tmp_path: Path) -> None:
    KoladaValue.objects.all().delete()
    files = catalogue(tmp_path)
    page = write(tmp_path, "page.json", answer([record(area="0000", period=2020)]))

    do_import_kolada([*files, page], acting_user=None)

    entry = AuditEntry.objects.filter(action="kolada_imported").latest("pk")
    # Everything stored came from this import: no row repeats it.
    assert entry.changes["first_import"] is True
    assert not KoladaChange.objects.of_entry(entry.pk).exists()
    assert KoladaValue.objects.count() == 1
