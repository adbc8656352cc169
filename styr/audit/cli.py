"""Who a command-line change is recorded as: `--as USER` names a Styr account; without it, the
operating-system user who ran the command, as text. Every writing command takes `--as`."""

import getpass
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.core.management.base import CommandError, CommandParser

from styr.core.commands import StyrCommand

_operator: ContextVar[str] = ContextVar("styr_operator", default="")


def current_operator() -> str:
    """The name a change without a Styr account is recorded under ("" for the system)."""
    return _operator.get()


@contextmanager
def operating(name: str) -> Iterator[None]:
    token = _operator.set(name)
    try:
        yield
    finally:
        _operator.reset(token)


def _os_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no name for the process's uid (a bare container)
        return "okänd"


def cli_user(username: str | None) -> AbstractBaseUser | None:
    """The account named by --as, or None for an operator's own run."""
    if not username:
        return None
    user = get_user_model().objects.filter(username=username, is_active=True).first()
    if user is None:
        raise CommandError(f"ingen aktiv användare heter {username[:150]!r} (--as)")
    return user


class AuditedCommand(StyrCommand):
    """A command that writes: its changes are recorded as --as USER, else as the
    operating-system user ("kommandorad: NAME"). `options["acting_user"]` is the account."""

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> CommandParser:
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        parser.add_argument(
            "--as", dest="as_user",
            help="The Styr account the changes are recorded as (default: the operating-system "
            "user, as text).",
        )  # fmt: skip
        return parser

    def execute(self, *args: Any, **options: Any) -> Any:
        options["acting_user"] = cli_user(options.get("as_user"))
        with operating(f"kommandorad: {_os_user()}"):
            return super().execute(*args, **options)
