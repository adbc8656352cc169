from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from styr.env import database_from_url, env_bool


def test_it_puts_a_relative_sqlite_file_under_the_project(tmp_path: Path) -> None:
    db = database_from_url("sqlite:///var/x.sqlite3", base_dir=tmp_path)
    assert db["NAME"] == str(tmp_path / "var" / "x.sqlite3")
    assert (tmp_path / "var").is_dir()


def test_it_reads_a_postgresql_url() -> None:
    db = database_from_url(
        "postgresql://styr:hemligt@db.example:6543/styr?sslmode=require", base_dir=Path()
    )
    assert db["ENGINE"] == "django.db.backends.postgresql"
    assert (db["NAME"], db["USER"], db["PASSWORD"], db["HOST"], db["PORT"]) == (
        "styr", "styr", "hemligt", "db.example", "6543",
    )  # fmt: skip
    assert db["OPTIONS"] == {"sslmode": "require"}


def test_it_refuses_an_unsupported_database() -> None:
    with pytest.raises(ImproperlyConfigured, match="mysql"):
        database_from_url("mysql://x@y/z", base_dir=Path())


def test_it_refuses_a_boolean_it_cannot_read(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DEBUG", "kanske")
    with pytest.raises(ImproperlyConfigured, match="DEBUG"):
        env_bool("DEBUG", False)
    monkeypatch.setenv("DEBUG", "true")
    assert env_bool("DEBUG", False) is True
