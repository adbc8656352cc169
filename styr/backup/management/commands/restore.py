from pathlib import Path
from typing import Any

from django.core.management.base import CommandError, CommandParser

from styr.backup.archive import BackupError, restore_backup
from styr.core.commands import StyrCommand


class Command(StyrCommand):
    help = (
        "Restore a backup made by `styr backup` into an empty, migrated database (SQLite or "
        "PostgreSQL); checks every checksum first and writes everything or nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("archive", type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            members = restore_backup(options["archive"])
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        rows = sum(m.rows for m in members)
        self.stdout.write(f"Återställd: {len(members)} tabeller, {rows} rader")
