"""`styr render namndplan --body KS --year 2024 --format pdf -o FILE`.

A decided document (the plan or report adopted) is written from its frozen version, the same
file every time; `--draft` writes the current data instead, `--decided N` an earlier decision.
"""

from pathlib import Path
from typing import Any

from django.core.management.base import CommandError, CommandParser

from styr.core.commands import StyrCommand
from styr.documents.actions import version_file
from styr.documents.produce import DocumentError, decided_version, document_for
from styr.documents.render import Format, RenderError, render
from styr.planfiles.lookup import find_plan


class Command(StyrCommand):
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
        which = parser.add_mutually_exclusive_group()
        which.add_argument(
            "--decided",
            type=int,
            help="A decided version's number (1 the adoption, 2 … revisions); default: the "
            "newest decided version when the document is adopted.",
        )
        which.add_argument(
            "--draft",
            action="store_true",
            help="Write the current data even when the document is adopted.",
        )
        parser.add_argument(
            "--public",
            action="store_true",
            help="The public edition, as the open portal serves it: without internal analyses "
            "and comments, what is marked not public, and internal control.",
        )
        parser.add_argument(
            "--format", required=True, choices=[f.value for f in Format], help="Output format."
        )
        parser.add_argument("-o", "--output", required=True, type=Path, help="The file to write.")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            plan = find_plan(options["body"], options["year"], options["municipality"])
            version = None
            if not options["draft"]:
                version = decided_version(
                    plan, options["template"], options["occasion"], options["decided"]
                )
            public = options["public"]
            if version is not None:
                if public and version.public_tree is None:
                    raise CommandError(
                        f"{version} was decided before Styr kept a public edition; "
                        "--draft --public writes one from the current data"
                    )
                content = version_file(version, Format(options["format"]), public=public)
                title, body = version.title, plan.body.name
                note = f", {version.label.lower()}"
            else:
                document = document_for(
                    plan, options["template"], options["occasion"], public=public
                )
                content = render(document, Format(options["format"]))
                title, body, note = document.title, document.body, ""
            if public:
                note += ", public edition"
        except (DocumentError, RenderError) as exc:
            raise CommandError(str(exc)) from None
        output: Path = options["output"]
        if output.is_dir():
            raise CommandError(f"{output} is a folder; -o names the file to write")
        try:
            output.write_bytes(content)
        except OSError as exc:
            raise CommandError(f"cannot write {output}: {exc.strerror}") from None
        self.stdout.write(f"{output}: {title}, {body}{note} ({len(content) // 1024 + 1} KiB)")
