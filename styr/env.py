"""Small typed readers for settings that come from the environment."""

import os
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlparse

from django.core.exceptions import ImproperlyConfigured


def env_str(name: str, default: str) -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    lowered = raw.strip().lower()
    if lowered in {"1", "true", "yes", "on"}:
        return True
    if lowered in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name}={raw!r} is not a boolean (use true or false)")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw.strip())
    except ValueError:
        raise ImproperlyConfigured(f"{name}={raw!r} is not a whole number") from None


def env_float(name: str, default: float) -> float:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return float(raw.strip())
    except ValueError:
        raise ImproperlyConfigured(f"{name}={raw!r} is not a number (e.g. 10 or 2.5)") from None


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_days(name: str, default: list[int]) -> list[int]:
    """A comma-separated list of whole days (e.g. REMINDER_DAYS_BEFORE=7,1), largest first,
    each once; an empty value is an empty list."""
    raw = os.environ.get(name)
    if raw is None:
        return sorted(set(default), reverse=True)
    days: set[int] = set()
    for item in raw.split(","):
        if not item.strip():
            continue
        try:
            day = int(item.strip())
        except ValueError:
            raise ImproperlyConfigured(f"{name}={raw!r}: write whole days, e.g. 7,1") from None
        if day < 0:
            raise ImproperlyConfigured(f"{name}={raw!r}: days before cannot be negative")
        days.add(day)
    return sorted(days, reverse=True)


def email_backend(*, host: str) -> str:
    """SMTP when EMAIL_HOST names a server; otherwise (a fresh clone, `make run`) e-mails are
    written to the console log instead of being lost or sent somewhere unintended."""
    explicit = os.environ.get("EMAIL_BACKEND", "").strip()
    if explicit:
        return explicit
    if host.strip():
        return "django.core.mail.backends.smtp.EmailBackend"
    return "django.core.mail.backends.console.EmailBackend"


def database_from_url(url: str, *, base_dir: Path) -> dict[str, object]:
    """Turn a DATABASE_URL into a Django DATABASES entry.

    Only the two back ends Styr supports are accepted: SQLite (the embedded default) and
    PostgreSQL (production). A relative SQLite path is taken from the project folder.
    """
    parsed = urlparse(url)
    if parsed.scheme == "sqlite":
        # sqlite:///var/styr.sqlite3 is relative, sqlite:////abs/path is absolute.
        path = unquote(parsed.path)
        name = Path(path[1:]) if path.startswith("//") else base_dir / path.lstrip("/")
        # The embedded default must work on a fresh clone without a set-up step.
        name.parent.mkdir(parents=True, exist_ok=True)
        return {"ENGINE": "django.db.backends.sqlite3", "NAME": str(name)}
    if parsed.scheme in {"postgres", "postgresql"}:
        options = {k: v[-1] for k, v in parse_qs(parsed.query).items()}
        return {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": unquote(parsed.path.lstrip("/")) or "styr",
            "USER": unquote(parsed.username or ""),
            "PASSWORD": unquote(parsed.password or ""),
            "HOST": parsed.hostname or "",
            "PORT": str(parsed.port or ""),
            "OPTIONS": options,
            # Keep connections open between requests; pgbouncer-free deployments want this.
            "CONN_MAX_AGE": 60,
        }
    raise ImproperlyConfigured(
        f"DATABASE_URL scheme {parsed.scheme!r} is not supported (use sqlite:// or postgresql://)"
    )


SECRET_KEY_FILE = Path("var") / "secret-key"
DEVELOPMENT_KEY = "styr-development-key-only-with-debug-on"


def secret_key(*, debug: bool, base_dir: Path) -> str:
    """The key that signs sessions and import tokens: SECRET_KEY from the environment, else
    the installation's own key in STYR_HOME/var/secret-key (`make` writes one, random, on first
    use). Only with DEBUG on may a server start without either; a production server refuses."""
    from_env = os.environ.get("SECRET_KEY", "").strip()
    if from_env:
        return from_env
    path = base_dir / SECRET_KEY_FILE
    if path.is_file() and (stored := path.read_text(encoding="utf-8").strip()):
        return stored
    if debug:
        return DEVELOPMENT_KEY
    raise ImproperlyConfigured(
        "Styr needs its own SECRET_KEY: set it in the environment (a random string of 50 "
        f"characters or more) or put one in {path} (`make secret` writes one). A server with "
        "DEBUG off does not start with a key that others could know."
    )


def proxy_ssl_header(raw: str) -> tuple[str, str] | None:
    """SECURE_PROXY_SSL_HEADER from "X-Forwarded-Proto: https" (the header the TLS proxy in
    front of Styr sets, and the value that means HTTPS)."""
    if not raw.strip():
        return None
    name, sep, value = raw.partition(":")
    if not sep or not name.strip() or not value.strip():
        raise ImproperlyConfigured(
            f"SECURE_PROXY_SSL_HEADER={raw!r}: write the header and its value, e.g. "
            "'X-Forwarded-Proto: https'"
        )
    return "HTTP_" + name.strip().upper().replace("-", "_"), value.strip()
