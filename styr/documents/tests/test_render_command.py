"""`styr render` writes the document, or says in one line what is wrong and exits non-zero."""

import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

pytestmark = pytest.mark.django_db


def _render(*args: str) -> str:
    out = StringIO()
    call_command("render", *args, stdout=out)
    return out.getvalue()


@pytest.mark.parametrize(
    ("format", "magic"), [("pdf", b"%PDF-"), ("docx", b"PK"), ("html", b"<!DOCTYPE html>")]
)
def test_it_writes_the_namndplan_in_each_format(tmp_path: Path, format: str, magic: bytes) -> None:
    target = tmp_path / f"ks.{format}"
    out = _render(
        "namndplan", "--body", "KS", "--year", "2024", "--format", format, "-o", str(target)
    )
    assert target.read_bytes().startswith(magic)
    assert "Nämndplan 2024, Kommunstyrelsen" in out


def test_it_renders_a_report_for_a_named_occasion(tmp_path: Path) -> None:
    target = tmp_path / "delar.html"
    _render("delarsrapport", "--body", "ks", "--year", "2024", "--occasion", "delar",
            "--format", "html", "-o", str(target))  # fmt: skip
    assert "<h1>Delårsrapport 2024</h1>" in target.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["namndplan", "--body", "XX", "--year", "2024"], "har ett organ med koden ”XX”"),
        (["namndplan", "--body", "KS", "--year", "2031"], "har ingen plan för 2031"),
        (["verksamhetsplan", "--body", "KS", "--year", "2024"], "no document template"),
        (["delarsrapport", "--body", "KS", "--year", "2024", "--occasion", "q3"],
         "no report occasion 'q3'"),
    ],
)  # fmt: skip
def test_it_refuses_what_does_not_exist(tmp_path: Path, args: list[str], message: str) -> None:
    target = tmp_path / "out.pdf"
    with pytest.raises(CommandError, match=message):
        _render(*args, "--format", "pdf", "-o", str(target))
    assert not target.exists()


def test_it_exits_non_zero_with_one_line(tmp_path: Path) -> None:
    # A real process, as a user runs it, on an empty database of its own.
    env = {"DATABASE_URL": f"sqlite:///{tmp_path / 'empty.sqlite3'}", "PATH": "/usr/bin:/bin"}
    subprocess.run([sys.executable, "-m", "styr", "migrate", "-v0"], env=env, check=True)
    result = subprocess.run(
        [sys.executable, "-m", "styr", "render", "namndplan", "--body", "KS", "--year", "2024",
         "--format", "pdf", "-o", str(tmp_path / "x.pdf")],
        capture_output=True, text=True, env=env, check=False,
    )  # fmt: skip
    assert result.returncode != 0
    assert result.stderr.strip().splitlines()[-1].startswith("CommandError: ")
    assert "databasen har ingen kommun" in result.stderr
