"""Hostile plan files and templates: a file nested deeper than any plan, aliases that stand for
an enormous file, a 10 MB title or key. Each is refused with a short Swedish message naming the
file and line; no process crashes, nothing is written, and the same on SQLite and PostgreSQL."""

from pathlib import Path

import pytest

from styr.documents.actions import TemplateRefused, do_save_template
from styr.indicators.models import Indicator
from styr.organisation.models import Municipality
from styr.planfiles.actions import do_import_plan_files
from styr.planfiles.nodes import MAX_DEPTH, PlanFileError
from styr.planfiles.tests.helpers import export_files
from styr.plans.models import Plan

pytestmark = pytest.mark.django_db

HUGE = 10_000_000


@pytest.fixture
def files(ks_plan: Plan, tmp_path: Path) -> list[Path]:
    return list(export_files(ks_plan, tmp_path))


def _titles() -> list[str]:
    return list(Indicator.objects.order_by("pk").values_list("name", flat=True))


def _refused(files: list[Path]) -> str:
    before = _titles()
    with pytest.raises(PlanFileError) as caught:
        do_import_plan_files(files, acting_user=None)
    assert _titles() == before
    message = str(caught.value)
    assert len(message) < 400, "a message quotes a short excerpt, never the whole value"
    return message


def test_it_refuses_a_file_nested_deeper_than_any_plan(tmp_path: Path) -> None:
    path = tmp_path / "djup.yaml"
    path.write_text("format: styr/plan/1\nbody: KS\nyear: 2024\nx: " + "[" * 100_000, "utf-8")
    message = _refused([path])
    assert (
        message
        == f"djup.yaml:4: mer än {MAX_DEPTH} nivåer inuti varandra; en planfil behöver färre"
    )


def test_it_refuses_aliases_that_stand_for_a_huge_file(tmp_path: Path) -> None:
    lines = ["format: styr/plan/1", "a: &a [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"{c}: &{c} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}]"
              for p, c in zip("abcdefgh", "bcdefghi", strict=True)]  # fmt: skip
    path = tmp_path / "bomb.yaml"
    path.write_text("\n".join(lines) + "\n", "utf-8")
    assert _refused([path]).startswith("bomb.yaml:3: alias (*namn) används inte i planfiler")


def test_it_refuses_a_huge_name_before_the_database(files: list[Path]) -> None:
    text = files[1].read_text(encoding="utf-8")
    old = "    name: Andel elever behöriga till gymnasiets yrkesprogram\n"
    at = text.index(old)
    line = text.count("\n", 0, at) + 1
    huge = "Andel" * (HUGE // 5)
    files[1].write_text(text[:at] + f"    name: {huge}\n" + text[at + len(old) :], "utf-8")
    message = _refused(files)
    assert message.startswith(f"ks-2024.yaml:{line}: goals[0].indicators[0].name: ”AndelAndel")
    assert f"är {len(huge)} tecken; name får vara högst 500" in message


def test_it_quotes_only_an_excerpt_of_a_huge_key(files: list[Path]) -> None:
    text = files[1].read_text(encoding="utf-8")
    files[1].write_text(text.replace("key: ", "key: " + "x" * HUGE + " ", 1), "utf-8")
    assert "är ingen giltig nyckel" in _refused(files)


def test_a_template_nested_too_deep_is_refused_not_a_crash() -> None:
    marks = Municipality.objects.get(key="marks")
    definition = "key: namndplan\nversion: 1\nname: X\noccasion: plan\ntitle: X\nchapters: " + (
        "[" * 100_000
    )
    with pytest.raises(TemplateRefused, match="mer än 40 nivåer inuti varandra"):
        do_save_template(marks, "namndplan", definition, acting_user=None)
