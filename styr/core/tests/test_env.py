from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from styr.env import DEVELOPMENT_KEY, database_from_url, env_bool, proxy_ssl_header, secret_key


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


def test_the_secret_key_comes_from_the_environment_or_the_installations_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SECRET_KEY", raising=False)
    with pytest.raises(ImproperlyConfigured, match="needs its own SECRET_KEY"):
        secret_key(debug=False, base_dir=tmp_path)
    assert secret_key(debug=True, base_dir=tmp_path) == DEVELOPMENT_KEY
    (tmp_path / "var").mkdir()
    (tmp_path / "var" / "secret-key").write_text("installationens-egen-nyckel\n")
    assert secret_key(debug=False, base_dir=tmp_path) == "installationens-egen-nyckel"
    monkeypatch.setenv("SECRET_KEY", "från-miljön")
    assert secret_key(debug=False, base_dir=tmp_path) == "från-miljön"


def test_it_reads_the_proxys_https_header() -> None:
    assert proxy_ssl_header("X-Forwarded-Proto: https") == ("HTTP_X_FORWARDED_PROTO", "https")
    assert proxy_ssl_header("") is None
    with pytest.raises(ImproperlyConfigured, match="X-Forwarded-Proto: https"):
        proxy_ssl_header("X-Forwarded-Proto")
