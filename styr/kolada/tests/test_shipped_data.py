"""The real Kolada files shipped with Styr import, and importing them again changes nothing."""

import gzip
import json
from decimal import Decimal
from pathlib import Path

import pytest

from styr.audit.models import AuditEntry
from styr.kolada.actions import do_import_kolada, load_shipped_kolada, shipped_kolada_files
from styr.kolada.models import Area, KoladaValue, Kpi

pytestmark = pytest.mark.django_db


def test_it_imports_the_catalogue_areas_and_real_values() -> None:
    entries = AuditEntry.objects.filter(action="kolada_imported").count()
    summary = load_shipped_kolada(acting_user=None)
    assert (summary.kpis, summary.areas) == (2039, 312)
    assert Kpi.objects.count() == 2039 and Area.objects.count() == 312
    assert summary.added == summary.values == KoladaValue.objects.count() == 138185
    marks_2021 = KoladaValue.objects.get(kpi_id="N01951", area_id="1463", year=2021, gender="T")
    assert marks_2021.value == Decimal("35201")
    assert Area.objects.get(pk="1463").title == "Mark"
    assert AuditEntry.objects.filter(action="kolada_imported").count() == entries + 1


def test_it_counts_everything_unchanged_on_a_second_import() -> None:
    load_shipped_kolada(acting_user=None)
    again = load_shipped_kolada(acting_user=None)
    assert (again.added, again.updated, again.unchanged) == (0, 0, 138185)
    assert (again.kpis_added, again.kpis_updated, again.areas_added) == (0, 0, 0)
    assert KoladaValue.objects.count() == 138185


def test_it_counts_a_changed_value_as_updated(tmp_path: Path) -> None:
    catalogue = [
        p for p in shipped_kolada_files() if p.name in ("kpi.json.gz", "municipality.json.gz")
    ]
    data = next(p for p in shipped_kolada_files() if p.name == "N01951.json.gz")
    do_import_kolada([*catalogue, data], acting_user=None)
    page = json.loads(gzip.decompress(data.read_bytes()))
    for item in page["values"]:
        if item["municipality"] == "1463" and item["period"] == 2021:
            item["values"][0]["value"] = 35300.0
    changed = tmp_path / "N01951.json"
    changed.write_text(json.dumps(page))
    summary = do_import_kolada([changed], acting_user=None)
    assert (summary.added, summary.updated) == (0, 1)
    assert summary.unchanged == summary.values - 1
    value = KoladaValue.objects.get(kpi_id="N01951", area_id="1463", year=2021, gender="T")
    assert value.value == Decimal("35300")
