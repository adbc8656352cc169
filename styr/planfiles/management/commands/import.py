from pathlib import Path
from typing import Any

from django.core.management.base import CommandError, CommandParser

from styr.audit.cli import AuditedCommand
from styr.planfiles.actions import do_import_plan_files
from styr.planfiles.nodes import PlanFileError


class Command(AuditedCommand):
    help = "Import plan files (YAML). All files are imported, or none."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("files", nargs="+", type=Path)
        parser.add_argument(
            "--prune",
            action="store_true",
            help="Delete what the plan files no longer have (without it such an import is "
            "refused with a list of them).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            result = do_import_plan_files(
                options["files"], acting_user=options["acting_user"], prune=options["prune"]
            )
        except PlanFileError as exc:
            raise CommandError(str(exc)) from None
        for municipal_plan in result.municipal_plans:
            self.stdout.write(f"Importerade {municipal_plan} (kommungemensamt)")
        for plan in result.plans:
            self.stdout.write(f"Importerade {plan}")
        tally = result.tally
        for label, bucket in (
            ("skapade", tally.created),
            ("ändrade", tally.updated),
            ("borttagna", tally.deleted),
        ):
            if bucket:
                parts = ", ".join(f"{n} {name}" for name, n in sorted(bucket.items()))
                self.stdout.write(f"  {label}: {parts}")
        if not tally.changed():
            self.stdout.write("  inga ändringar")
