"""A `styr` command starts without the web: no system checks, so no view (nor openpyxl for
the Excel views) is imported to render a document, and a PDF does not load python-docx."""

import os
import subprocess
import sys
from pathlib import Path


def test_render_imports_nothing_of_the_web(tmp_path: Path) -> None:
    env_db = f"sqlite:///{tmp_path / 'empty.sqlite3'}"
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "styr", "render", "namndplan", "--body", "KS",
         "--year", "2024", "--format", "pdf", "-o", str(tmp_path / "plan.pdf")],
        env={**os.environ, "DATABASE_URL": env_db},
        capture_output=True, text=True,
    )  # fmt: skip
    imported = {line.rsplit("|", 1)[-1].strip() for line in result.stderr.splitlines()}
    assert "styr.documents.render" in imported  # the command did start
    assert not any(name.startswith("styr.web.views") for name in imported)
    assert "openpyxl" not in imported
    assert "docx" not in imported
