"""English is complete: every Swedish string of the interface has its English translation.

The catalogues are gathered afresh (as `make messages` does) from a copy of each app, so a
string added to a template or a view without its translation fails here, and the committed,
compiled catalogue must say what the .po file says.
"""

import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

STYR = Path(__file__).resolve().parents[2]
APPS = sorted(path.parent for path in STYR.glob("*/locale"))


def test_it_has_english_catalogues_for_the_interface() -> None:
    names = {app.name for app in APPS}
    assert {"web", "excel", "planfiles", "plans", "audit", "indicators"} <= names


@pytest.mark.parametrize("app", APPS, ids=[app.name for app in APPS])
def test_it_translates_every_string_of_the_app(app: Path, tmp_path: Path) -> None:
    copy = tmp_path / app.name
    shutil.copytree(app, copy, ignore=shutil.ignore_patterns("tests", "__pycache__"))
    styr = Path(sys.executable).with_name("styr")
    command = [
        str(styr), "makemessages", "--locale", "en", "--add-location", "file",
        "--ignore", "management/*", "--no-obsolete",
    ]  # fmt: skip
    subprocess.run(command, cwd=copy, check=True, capture_output=True)
    fresh = polib.pofile(str(copy / "locale/en/LC_MESSAGES/django.po"), encoding="utf-8")
    missing = [entry.msgid for entry in fresh.untranslated_entries()]
    unsure = [entry.msgid for entry in fresh.fuzzy_entries()]
    assert (missing, unsure) == ([], []), f"run `make messages` and translate in {app.name}"

    committed = polib.pofile(str(app / "locale/en/LC_MESSAGES/django.po"), encoding="utf-8")
    compiled = polib.mofile(str(app / "locale/en/LC_MESSAGES/django.mo"))
    expected = {(e.msgid, e.msgstr or tuple(e.msgstr_plural.values())) for e in committed}
    found = {(e.msgid, e.msgstr or tuple(e.msgstr_plural.values())) for e in compiled if e.msgid}
    assert expected - found == set(), f"run `make messages` to compile {app.name}"
