"""A municipality's reference data as files (`styr reference export|import`): its own status
words, risk matrix and templates go out as YAML in the shape Styr ships, and come back through
the same actions as the Referensdata pages; another municipality's never change, and a file
with a mistake is refused by file and line with nothing written."""

from io import BytesIO, StringIO
from pathlib import Path

import docx
import pytest
from django.core.management import CommandError, call_command

from styr.audit.models import AuditEntry
from styr.documents.models import DocumentTemplate
from styr.internal_control.models import RiskMatrix
from styr.organisation.models import Municipality, WordBase
from styr.plans.models import Plan
from styr.scales.models import Scale

pytestmark = pytest.mark.django_db

MARKS_STATUS = """\
key: assignment-status
version: 1
name: Status för uppdrag
options:
- {key: not_started, label: Ej påbörjat, colour: '#757575'}
- {key: ongoing, label: Igång, label_en: Under way, colour: '#1565c0'}
- {key: closed, label: Avslutad, colour: '#2e7d32'}
- {key: on_hold, label: Pausad, colour: '#ef6c00'}
"""


def _run(*args: str) -> str:
    out = StringIO()
    call_command("reference", *args, stdout=out)
    return out.getvalue()


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def _labels(municipality: str | None, key: str = "assignment-status") -> dict[str, str]:
    owner = Municipality.objects.get(key=municipality) if municipality else None
    scale = Scale.objects.current(key, owner)
    return {o.key: o.label for o in scale.options.all()}


def test_it_writes_styrbys_own_data_and_reading_it_back_changes_nothing(tmp_path: Path) -> None:
    written = _run("export", "--municipality", "styrby", "-o", str(tmp_path)).split()
    names = {Path(p).relative_to(tmp_path).as_posix() for p in written}
    assert {"skalor/assignment-status.yaml", "skalor/goal-fulfilment.yaml",
            "mallar/bokslut.yaml", "mallar/tertialrapport.yaml"} <= names  # fmt: skip
    assert "Påbörjad" in (tmp_path / "skalor/assignment-status.yaml").read_text(encoding="utf-8")
    versions = list(DocumentTemplate.objects.values_list("key", "version").order_by("pk"))
    audited = AuditEntry.objects.count()

    output = _run("import", "--municipality", "styrby", *written)

    assert "inga ändringar" in output
    assert list(DocumentTemplate.objects.values_list("key", "version").order_by("pk")) == versions
    assert AuditEntry.objects.count() == audited


def test_it_gives_one_municipality_its_own_words_and_no_other(tmp_path: Path) -> None:
    path = _write(tmp_path, "status.yaml", MARKS_STATUS)

    output = _run("import", "--municipality", "marks", str(path))

    assert "Sparade skalan assignment-status för Marks kommun" in output
    marks = _labels("marks")
    assert marks["ongoing"] == "Igång" and marks["on_hold"] == "Pausad"
    assert "paused" not in marks  # not in the file: the file states the whole list
    assert _labels("styrby")["ongoing"] == "Påbörjad"
    assert _labels(None)["ongoing"] == "Pågående"
    actions = set(
        AuditEntry.objects.filter(action__startswith="scale_").values_list("action", flat=True)
    )
    assert {"scale_copied", "scale_changed"} <= actions


def test_it_refuses_removing_a_status_styr_reads_and_writes_nothing(tmp_path: Path) -> None:
    without_closed = MARKS_STATUS.replace(
        "- {key: closed, label: Avslutad, colour: '#2e7d32'}\n", ""
    )
    path = _write(tmp_path, "status.yaml", without_closed)
    other = _write(
        tmp_path, "goal.yaml", MARKS_STATUS.replace("assignment-status", "activity-status")
    )

    with pytest.raises(CommandError) as refused:
        _run("import", "--municipality", "marks", str(other), str(path))

    assert "status.yaml:5: options: ”Avslutad” kan inte tas bort" in str(refused.value)
    assert not Scale.objects.filter(municipality__key="marks").exists()  # not even the copy


def test_it_names_the_line_of_a_mistake_in_an_option(tmp_path: Path) -> None:
    path = _write(tmp_path, "status.yaml", MARKS_STATUS.replace("'#ef6c00'", "orange"))
    with pytest.raises(
        CommandError, match=r"status.yaml:8: options\[3\]: färgen ska skrivas #rrggbb"
    ):
        _run("import", "--municipality", "marks", str(path))
    typo = _write(tmp_path, "typo.yaml", MARKS_STATUS.replace("label_en:", "lable_en:"))
    with pytest.raises(CommandError, match=r"typo.yaml:6: options\[1\].lable_en: okänt fält"):
        _run("import", "--municipality", "marks", str(typo))


def test_it_saves_a_template_file_as_the_municipalitys_next_version(
    tmp_path: Path, ks_plan: Plan
) -> None:
    shipped = DocumentTemplate.objects.get(municipality__isnull=True, key="namndplan")
    text = shipped.definition.replace("name: Nämndplan", "name: Verksamhetsplan", 1)
    path = _write(tmp_path, "namndplan.yaml", text)

    _run("import", "--municipality", "marks", str(path))
    again = _run("import", "--municipality", "marks", str(path))

    own = DocumentTemplate.objects.filter(municipality__key="marks", key="namndplan")
    assert [t.version for t in own] == [1] and own[0].name == "Verksamhetsplan"
    assert "inga ändringar" in again
    assert not DocumentTemplate.objects.filter(municipality__key="styrby", key="namndplan").exists()


def test_it_refuses_a_template_with_an_unknown_block_naming_the_file(tmp_path: Path) -> None:
    shipped = DocumentTemplate.objects.get(municipality__isnull=True, key="namndplan")
    path = _write(tmp_path, "egen.yaml", shipped.definition.replace("plan_text:", "plan_txt:", 1))
    with pytest.raises(CommandError, match=r"^egen.yaml: .*plan_txt"):
        _run("import", "--municipality", "marks", str(path))
    assert not DocumentTemplate.objects.filter(municipality__key="marks").exists()


def test_it_relabels_a_risk_matrix_and_refuses_a_level_it_does_not_have(tmp_path: Path) -> None:
    source = Path("styr/internal_control/reference/probability-consequence-4x4.yaml")
    text = source.read_text(encoding="utf-8").replace("label: Möjlig,", "label: Kan hända,")
    path = _write(tmp_path, "matris.yaml", text.replace("plan_threshold: 12", "plan_threshold: 9"))

    _run("import", "--municipality", "marks", str(path))

    own = RiskMatrix.objects.get(municipality__key="marks")
    assert own.plan_threshold == 9
    assert own.levels.get(axis="probability", value=3).label == "Kan hända"
    bad = _write(
        tmp_path,
        "fel.yaml",
        text.replace("- {value: 2, label: Lindrig", "- {value: 7, label: Lindrig"),
    )
    with pytest.raises(
        CommandError, match=r"fel.yaml:13: consequence\[0\]: matrisen har ingen nivå 7"
    ):
        _run("import", "--municipality", "marks", str(bad))


def test_it_takes_a_word_base_and_refuses_what_is_not_one(tmp_path: Path) -> None:
    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "Marks kommun"
    out = BytesIO()
    document.save(out)
    base = tmp_path / "brevmall.docx"
    base.write_bytes(out.getvalue())

    _run("import", "--municipality", "marks", str(base))

    assert WordBase.objects.get(municipality__key="marks").name == "brevmall.docx"
    exported = _run("export", "--municipality", "marks", "-o", str(tmp_path / "ut"))
    assert (tmp_path / "ut" / "word-mall.docx").read_bytes() == out.getvalue()
    assert str(tmp_path / "ut" / "word-mall.docx") in exported
    broken = tmp_path / "trasig.docx"
    broken.write_bytes(b"not a zip")
    with pytest.raises(CommandError, match=r"^trasig.docx: "):
        _run("import", "--municipality", "marks", str(broken))


def test_it_refuses_a_file_that_is_no_reference_data(tmp_path: Path) -> None:
    path = _write(tmp_path, "plan.yaml", "format: styr/plan/1\nbody: KS\n")
    with pytest.raises(CommandError, match=r"plan.yaml:1: filen är varken en statusskala"):
        _run("import", "--municipality", "marks", str(path))
