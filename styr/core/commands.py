"""The base of Styr's own `styr` commands."""

from django.core.management.base import BaseCommand


class StyrCommand(BaseCommand):
    """A Styr command runs no system checks before it starts: they import every view of the
    web (and openpyxl with the Excel views) to check the URLs, a third of a command's time.
    `styr check` and `migrate` still run them; a server runs them when it starts."""

    requires_system_checks: list[str] = []
