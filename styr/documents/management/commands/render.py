"""`styr render namndplan --body KS --year 2024 --format pdf -o FILE`."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from styr.documents.produce import DocumentError, document_for
from styr.documents.render import Format, RenderError, render
from styr.planfiles.lookup import find_plan


class Command(BaseCommand):
    help = (
        "Render a document of a body's plan: namndplan, delarsrapport, arsrapport or a "
        "municipality's own template, as PDF, Word (DOCX) or HTML."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("template", help="The document template, e.g. namndplan.")
        parser.add_argument("--body", required=True, help="The body's code, e.g. KS.")
        parser.add_argument("--year", required=True, type=int, help="The plan year, e.g. 2024.")
        parser.add_argument(
            "--municipality", help="The municipality's key, when the database holds several."
        )
        parser.add_argument(
            "--occasion",
            help="The report occasion's key (e.g. delar); default: the plan's first occasion "
            "of the template's kind.",
        )
        parser.add_argument(
            "--format", required=True, choices=[f.value for f in Format], help="Output format."
        )
        parser.add_argument("-o", "--output", required=True, type=Path, help="The file to write.")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            plan = find_plan(options["body"], options["year"], options["municipality"])
            document = document_for(plan, options["template"], options["occasion"])
            content = render(document, Format(options["format"]))
        except (DocumentError, RenderError) as exc:
            raise CommandError(str(exc)) from None
        output: Path = options["output"]
        if output.is_dir():
            raise CommandError(f"{output} is a folder; -o names the file to write")
        try:
            output.write_bytes(content)
        except OSError as exc:
            raise CommandError(f"cannot write {output}: {exc.strerror}") from None
        self.stdout.write(
            f"{output}: {document.title}, {document.body} ({len(content) // 1024 + 1} KiB)"
        )
