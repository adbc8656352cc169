from pathlib import Path
from typing import Any

from django.core.management.base import CommandError, CommandParser

from styr.backup.archive import write_backup
from styr.core.commands import StyrCommand


class Command(StyrCommand):
    help = (
        "Write one archive of everything Styr holds (every table, users and roles, the audit "
        "log, Kolada, images and Word bases) with a manifest and checksums."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("-o", "--output", required=True, type=Path, help="The archive (.zip).")

    def handle(self, *args: Any, **options: Any) -> None:
        out: Path = options["output"]
        if out.is_dir():
            raise CommandError(f"{out} är en mapp; -o ska vara en fil, t.ex. styr-backup.zip")
        partial = out.with_name(out.name + ".part")
        try:
            with partial.open("wb") as stream:
                members = write_backup(stream)
            partial.replace(out)  # a failed run never leaves a half archive under the name
        finally:
            partial.unlink(missing_ok=True)
        rows = sum(m.rows for m in members)
        self.stdout.write(f"Säkerhetskopia: {out} ({len(members)} tabeller, {rows} rader)")
