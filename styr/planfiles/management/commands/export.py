from pathlib import Path
from typing import Any

from django.core.management.base import CommandError, CommandParser

from styr.core.commands import StyrCommand
from styr.planfiles.dump import dump
from styr.planfiles.export import export_municipal_plan, export_plan
from styr.planfiles.lookup import find_plan
from styr.steering.models import MunicipalPlan


class Command(StyrCommand):
    help = "Export a body's plan for a year, with the municipality file it builds on."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--body", required=True, help="The body's code, e.g. KS.")
        parser.add_argument("--year", required=True, type=int)
        parser.add_argument("--municipality", help="The municipality's key, if several.")
        parser.add_argument("-o", "--output", required=True, type=Path, help="Folder to write to.")

    def handle(self, *args: Any, **options: Any) -> None:
        plan = find_plan(options["body"], options["year"], options["municipality"])
        out: Path = options["output"]
        if out.exists() and not out.is_dir():
            raise CommandError(f"{out} är en fil; -o ska vara en mapp")
        out.mkdir(parents=True, exist_ok=True)
        municipality = plan.body.municipality
        written = []
        municipal_plan = MunicipalPlan.objects.filter(
            municipality=municipality, year=plan.year
        ).first()
        if municipal_plan is not None:
            path = out / f"{municipality.key}-{plan.year}.yaml"
            path.write_text(dump(export_municipal_plan(municipal_plan)), encoding="utf-8")
            written.append(path)
        path = out / f"{plan.body.code.lower()}-{plan.year}.yaml"
        path.write_text(dump(export_plan(plan)), encoding="utf-8")
        written.append(path)
        for path in written:
            self.stdout.write(str(path))
