"""`styr kolada import` prints what it did, and says plainly when it wrote nothing."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from styr.kolada.actions import SHIPPED_DATA
from styr.kolada.models import KoladaValue
from styr.kolada.tests.helpers import answer, catalogue, record, value, write

pytestmark = pytest.mark.django_db


def test_it_prints_the_summary_of_an_import() -> None:
    out = StringIO()
    call_command("kolada", "import", str(SHIPPED_DATA / "kpi.json.gz"),
                 str(SHIPPED_DATA / "municipality.json.gz"),
                 str(SHIPPED_DATA / "data" / "N01951.json.gz"), stdout=out)  # fmt: skip
    lines = out.getvalue().splitlines()
    assert lines[1] == "Nyckeltal: 2039 (2039 nya, 0 ändrade)"
    assert lines[2] == "Områden: 312 (312 nya, 0 ändrade)"
    assert lines[3] == "Värden: 27108 lästa, 27108 nya, 0 ändrade, 0 oförändrade, 0 avvisade"


def test_it_fails_with_the_errors_and_writes_nothing(tmp_path: Path) -> None:
    bad = write(tmp_path, "data/N01951.json", answer([record(values=[value("T", "många")])]))
    out, err = StringIO(), StringIO()
    with pytest.raises(CommandError, match="nothing was written"):
        call_command("kolada", "import", *map(str, [*catalogue(tmp_path), bad]),
                     stdout=out, stderr=err)  # fmt: skip
    assert "0 nya, 0 ändrade, 0 oförändrade, 1 avvisade" in out.getvalue()
    assert "values[0].value: 'många' is not a number" in err.getvalue()
    assert KoladaValue.objects.count() == 0
