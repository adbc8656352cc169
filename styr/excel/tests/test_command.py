"""`styr excel export` and `styr excel import [--dry-run]` from the command line."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from styr.audit.models import AuditEntry
from styr.excel.tests.helpers import cell_of, snapshot
from styr.indicators.models import MetricValue
from styr.plans.models import Plan

pytestmark = pytest.mark.django_db


def _run(*args: str) -> str:
    out = StringIO()
    call_command("excel", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def _export(folder: Path) -> Path:
    path = folder / "ks.xlsx"
    _run("export", "--body", "KS", "--year", "2024", "-o", str(path))
    return path


def test_a_round_trip_on_the_command_line_changes_nothing(tmp_path: Path, ks_plan: Plan) -> None:
    path = _export(tmp_path)
    before = snapshot()
    assert _run("import", str(path)) == "Inga ändringar.\n"
    assert snapshot() == before


def test_a_dry_run_lists_the_changes_and_writes_none(tmp_path: Path, ks_plan: Plan) -> None:
    path = _export(tmp_path)
    cell = cell_of(path.read_bytes(), "Följetal", "antal-foretagsbesok", "Utfall 2022")
    book = load_workbook(path)
    book["Följetal"][cell] = 80
    book.save(path)
    before = snapshot()

    out = _run("import", str(path), "--dry-run")

    assert out == (
        f"Följetal!{cell}\tAntal företagsbesök\tUtfall 2022: 77 → 80\n"
        "1 celler skulle ändras: Följetal 1\n"
    )
    assert snapshot() == before
    assert _run("import", str(path), "--user", "ks.redaktor").endswith(
        "1 celler ändrade: Följetal 1\n"
    )
    assert MetricValue.objects.get(metric__key="antal-foretagsbesok", year=2022).value == 80
    assert AuditEntry.objects.filter(action="excel_imported", actor__username="ks.redaktor")


def test_errors_are_printed_and_the_command_fails(tmp_path: Path, ks_plan: Plan) -> None:
    path = _export(tmp_path)
    book = load_workbook(path)
    book["Indikatorer"]["E7"] = "ca 80"
    book.save(path)
    err = StringIO()

    with pytest.raises(CommandError, match="ks.xlsx: 1 fel; ingenting är ändrat"):
        call_command("excel", "import", str(path), stdout=StringIO(), stderr=err)

    assert err.getvalue() == "Indikatorer!E7: ”ca 80” är inte ett tal\n"


def test_it_refuses_a_workbook_for_another_plan_than_named(tmp_path: Path, ks_plan: Plan) -> None:
    path = _export(tmp_path)
    err = StringIO()
    with pytest.raises(CommandError):
        call_command("excel", "import", str(path), "--body", "KFN", "--year", "2024",
                     stdout=StringIO(), stderr=err)  # fmt: skip
    assert err.getvalue().startswith("Om!B5: arbetsboken gäller organet ”KS”, inte KFN")
