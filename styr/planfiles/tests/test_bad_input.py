"""A corrupt plan file is refused with its file, line and field named, and nothing is written."""

from pathlib import Path

import pytest

from styr.planfiles.actions import do_import_plan_files
from styr.planfiles.nodes import PlanFileError
from styr.planfiles.tests.helpers import export_files
from styr.plans.models import Plan

pytestmark = pytest.mark.django_db


def _database_state() -> tuple[object, ...]:
    from styr.assignments.models import Assignment
    from styr.audit.models import AuditEntry
    from styr.indicators.models import IndicatorValue
    from styr.internal_control.models import Risk
    from styr.organisation.models import Body

    return (
        list(IndicatorValue.objects.order_by("pk").values_list("pk", "value", "comparator")),
        list(Assignment.objects.order_by("pk").values_list("pk", "text")),
        list(Risk.objects.order_by("pk").values_list("pk", "probability")),
        Body.objects.count(),
        AuditEntry.objects.count(),
    )


def _corrupt(path: Path, old: str, new: str) -> int:
    """Replace the first occurrence of `old`; return the 1-based line it is on."""
    text = path.read_text(encoding="utf-8")
    at = text.index(old)
    path.write_text(text[:at] + new + text[at + len(old) :], encoding="utf-8")
    return text.count("\n", 0, at) + 1


def _refused(files: list[Path]) -> PlanFileError:
    before = _database_state()
    with pytest.raises(PlanFileError) as caught:
        do_import_plan_files(files, acting_user=None)
    assert _database_state() == before, "a refused import must leave the database unchanged"
    return caught.value


@pytest.fixture
def files(ks_plan: Plan, tmp_path: Path) -> list[Path]:
    return list(export_files(ks_plan, tmp_path))


def test_it_names_file_line_and_field_of_text_in_a_number(files: list[Path]) -> None:
    plan_file = files[1]
    line = _corrupt(plan_file, "{outcome: 83.6}", "{outcome: tolv}")
    error = _refused(files)
    assert str(error) == (
        f"ks-2024.yaml:{line}: goals[0].indicators[0].values[2021].outcome: ”tolv” är inte ett tal "
        "(skriv t.ex. 83.6 eller 83,6)"
    )


def test_it_refuses_a_file_that_is_not_yaml(files: list[Path]) -> None:
    line = _corrupt(files[1], "title: Nämndplan 2024", "title: [Nämndplan 2024")
    error = _refused(files)
    assert error.file == "ks-2024.yaml"
    assert error.line is not None and error.line >= line
    assert "inte giltig YAML" in str(error)


def test_it_refuses_an_unknown_field_instead_of_dropping_it(files: list[Path]) -> None:
    line = _corrupt(files[1], "  origin: council", "  orign: council")
    error = _refused(files)
    assert error.line == line
    assert error.path.endswith(".orign")
    assert "okänt fält; kontrollera stavningen (kända fält: " in error.message


def test_it_refuses_a_reference_to_a_missing_strategic_area(files: list[Path]) -> None:
    text = files[1].read_text(encoding="utf-8")
    area = text.split("strategic_area: ", 1)[1].split("\n", 1)[0]
    line = _corrupt(files[1], f"strategic_area: {area}", "strategic_area: finns-inte")
    error = _refused(files)
    assert (error.line, error.path) == (line, "goals[0].strategic_area")
    assert "nyckeln ”finns-inte” finns inte bland strategiska områden" in error.message


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("start_date: 2020-02-27", "start_date: 2020-02-30", "”2020-02-30” är inte ett datum"),
        ("probability: Sannolik", "probability: 7", "”7” är ingen nivå i"),
        ("status: Pågående", "status: klar", "”klar” finns inte i skalan"),
        ("kind: operating", "kind: drift", "”drift” är inte tillåtet; skriv ett av:"),
        ("{outcome: 83.6}", "{outcome: .nan}", "”.nan” är inte ett tal"),
        ("{outcome: 83.6}", "{outcome: .inf}", "”.inf” är inte ett tal"),
        ("{outcome: 83.6}", "{outcome: 1e400}", "”1e400” är inte ett tal"),
        (
            "{outcome: 83.6}",
            "{outcome: 10000000000000000000}",
            "”10000000000000000000” är ett för stort tal; högst 18 siffror före decimaltecknet",
        ),
        ("{outcome: 83.6}", "{outcome: 83.6, outcome: 84}", "står två gånger"),
        ("year: 2024\ntitle", "year: tjugo\ntitle", "”tjugo” är inte ett heltal"),
        (
            "kolada_kpi: N01951",
            "kolada_comparisons: 0000,Riket",
            "”Riket” är inget Kolada-område (fyra siffror, t.ex. 0000)",
        ),
        ("kolada_kpi: N01951", "kolada_kpi: N1951", "”N1951” är inget nyckeltal i Kolada"),
    ],
)
def test_it_refuses_bad_values(files: list[Path], old: str, new: str, message: str) -> None:
    line = _corrupt(files[1], old, new)
    error = _refused(files)
    assert error.file == "ks-2024.yaml"
    assert error.line == line
    assert message in error.message


def test_it_refuses_a_duplicate_key(files: list[Path]) -> None:
    text = files[1].read_text(encoding="utf-8")
    first_key = text.split("assignments:\n- key: ", 1)[1].split("\n", 1)[0]
    second = text.split("assignments:\n", 1)[1].split("\n- key: ", 2)[1].split("\n", 1)[0]
    line = _corrupt(files[1], f"- key: {second}\n", f"- key: {first_key}\n")
    error = _refused(files)
    assert error.line == line
    assert "används två gånger i assignments (också på rad " in error.message


def test_it_refuses_a_plan_for_a_body_that_does_not_exist(files: list[Path]) -> None:
    line = _corrupt(files[1], "body: KS", "body: XYZ")
    error = _refused(files)
    assert (error.line, error.path) == (line, "body")


def test_it_writes_nothing_when_the_second_file_is_bad(files: list[Path], tmp_path: Path) -> None:
    # The municipality file is fine and would change the vision; the plan file is not.
    _corrupt(files[0], "vision: |", "vision: |\n  Ny inledning.\n")
    _corrupt(files[1], "{outcome: 83.6}", "{outcome: tolv}")
    _refused(files)
    from styr.steering.models import MunicipalPlan

    assert (
        "Ny inledning" not in MunicipalPlan.objects.get(municipality__key="marks", year=2024).vision
    )


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("", "filen är tom"),
        ("- a\n- b\n", "en planfil består av fält med nyckel och värde"),
        ("format: styr/plan/9\n", "”styr/plan/9” är inget planfilsformat som Styr känner till"),
        ("municipality: marks\n", "format: saknas; fältet måste finnas med"),
    ],
)
def test_it_refuses_files_that_are_not_plan_files(
    tmp_path: Path, content: str, message: str
) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text(content, encoding="utf-8")
    error = _refused([path])
    assert error.file == "broken.yaml"
    assert message in str(error)


def test_it_refuses_a_truncated_file(files: list[Path]) -> None:
    text = files[1].read_text(encoding="utf-8")
    files[1].write_text(text[: len(text) // 2].rsplit("\n", 3)[0] + "\n  - [", encoding="utf-8")
    error = _refused(files)
    assert "inte giltig YAML" in error.message


def test_it_refuses_a_file_that_is_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "latin1.yaml"
    path.write_bytes("format: styr/plan/1\ntitle: Nämndplan\n".encode("latin-1"))
    error = _refused([path])
    assert "filen är inte sparad som UTF-8" in error.message
