from pathlib import Path
from typing import Any

from django.core.management.base import CommandError, CommandParser

from styr.audit.cli import AuditedCommand
from styr.planfiles.lookup import find_municipality
from styr.planfiles.nodes import PlanFileError
from styr.planfiles.reference import do_import_reference_files, export_reference_files


class Command(AuditedCommand):
    help = (
        "A municipality's own reference data as files: status scales, risk matrices, document "
        "templates and its Word base. 'export' writes them to a folder; 'import' reads them "
        "back, all files or none."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        commands = parser.add_subparsers(dest="command", required=True)
        export = commands.add_parser("export", help="Write the municipality's reference data.")
        export.add_argument("--municipality", help="The municipality's key, if several.")
        export.add_argument("-o", "--output", required=True, type=Path, help="Folder to write to.")
        load = commands.add_parser("import", help="Read reference files into the municipality.")
        load.add_argument("--municipality", help="The municipality's key, if several.")
        load.add_argument("files", nargs="+", type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        municipality = find_municipality(options["municipality"])
        if options["command"] == "export":
            out: Path = options["output"]
            if out.exists() and not out.is_dir():
                raise CommandError(f"{out} är en fil; -o ska vara en mapp")
            written = export_reference_files(municipality, out)
            for path in written:
                self.stdout.write(str(path))
            if not written:
                self.stdout.write(
                    f"{municipality.name} använder Styrs referensdata; inget att skriva."
                )
            return
        try:
            result = do_import_reference_files(
                options["files"], municipality, acting_user=options["acting_user"]
            )
        except PlanFileError as exc:
            raise CommandError(str(exc)) from None
        for what in result.changed:
            self.stdout.write(f"Sparade {what} för {municipality.name}")
        if not result.changed:
            self.stdout.write("  inga ändringar")
