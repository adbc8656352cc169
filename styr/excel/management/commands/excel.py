import time
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import CommandError, CommandParser

from styr.audit.cli import AuditedCommand
from styr.excel.actions import do_import_workbook
from styr.excel.changes import WorkbookChanges, WorkbookRefused
from styr.excel.export import write_workbook
from styr.excel.read import about_plan, read_workbook
from styr.planfiles.lookup import find_plan
from styr.plans.actions import PlanLocked


class Command(AuditedCommand):
    help = (
        "Excel round trip of a body's plan: `excel export --body KS --year 2024 -o plan.xlsx` "
        "writes the workbook; `excel import plan.xlsx [--dry-run]` takes the edited workbook "
        "back, all changes or none."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        commands = parser.add_subparsers(dest="action", required=True)
        export = commands.add_parser("export", help="Write the plan's workbook.")
        export.add_argument("--body", required=True, help="The body's code, e.g. KS.")
        export.add_argument("--year", required=True, type=int)
        export.add_argument("--municipality", help="The municipality's key, if several.")
        export.add_argument("-o", "--output", required=True, type=Path, help="The .xlsx to write.")
        take = commands.add_parser("import", help="Take an edited workbook back.")
        take.add_argument("file", type=Path)
        take.add_argument("--dry-run", action="store_true", help="List the changes, write none.")
        take.add_argument("--body", help="Refuse the workbook unless it is this body's.")
        take.add_argument("--year", type=int, help="Refuse the workbook unless it is this year's.")
        take.add_argument("--municipality", help="The municipality's key, if several.")
        take.add_argument("--user", help="The user the changes are recorded as (default: none).")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "export":
            self._export(options)
        else:
            self._import(options)

    def _export(self, options: dict[str, Any]) -> None:
        plan = find_plan(options["body"], options["year"], options["municipality"])
        out: Path = options["output"]
        if out.is_dir():
            raise CommandError(f"{out} is a folder; -o names the .xlsx file to write")
        started = time.perf_counter()
        write_workbook(plan, str(out))
        self.stdout.write(f"{out} ({plan}, {time.perf_counter() - started:.2f} s)")

    def _import(self, options: dict[str, Any]) -> None:
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"{path}: no such file")
        user = options["acting_user"]
        if options["user"]:  # the older name of --as
            user = get_user_model().objects.filter(username=options["user"]).first()
            if user is None:
                raise CommandError(f"no user {options['user']!r}")
        try:
            # Named on the command line, the plan is checked against the workbook's Om sheet;
            # otherwise the Om sheet names it.
            if options["body"] or options["year"]:
                if not (options["body"] and options["year"]):
                    raise CommandError("name both --body and --year, or neither")
                plan = find_plan(options["body"], options["year"], options["municipality"])
            else:
                plan = about_plan(path)
            changes = read_workbook(path, plan=plan)
            if not changes.ok:
                raise WorkbookRefused(changes.errors)
            self._list(changes)
            if options["dry_run"]:
                self.stdout.write(self._summary(changes.by_sheet(), dry_run=True))
                return
            summary = do_import_workbook(changes, plan=plan, acting_user=user)
        except WorkbookRefused as refused:
            for error in refused.errors:
                self.stderr.write(str(error))
            raise CommandError(
                f"{path.name}: {len(refused.errors)} fel; ingenting är ändrat"
            ) from None
        except (PlanLocked, ValueError) as exc:
            raise CommandError(f"{exc} Ingenting är ändrat.") from None
        self.stdout.write(self._summary(summary.by_sheet, dry_run=False))

    def _list(self, changes: WorkbookChanges) -> None:
        for change in changes.changes:
            self.stdout.write(
                f"{change.where}\t{change.item}\t{change.field}: {change.old} → {change.new}"
            )

    def _summary(self, by_sheet: dict[str, int], *, dry_run: bool) -> str:
        if not by_sheet:
            return "Inga ändringar."
        verb = "skulle ändras" if dry_run else "ändrade"
        parts = ", ".join(f"{sheet} {n}" for sheet, n in by_sheet.items())
        return f"{sum(by_sheet.values())} celler {verb}: {parts}"
