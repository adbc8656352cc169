import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import CommandError, CommandParser

from styr.audit.cli import AuditedCommand
from styr.core.formatting import format_number
from styr.indicators.kolada import do_take_kolada_outcomes_everywhere
from styr.kolada.actions import (
    ImportProgress,
    ImportSummary,
    KoladaImportRefused,
    do_import_kolada,
)
from styr.kolada.fetch import FetchError, fetch_pages, parse_years
from styr.kolada.reader import KoladaError


def _ids(text: str) -> list[str]:
    return [part.strip() for part in text.split(",") if part.strip()]


class Command(AuditedCommand):
    help = (
        "Kolada key figures. `import PATH…`: import Kolada API files (KPI catalogue, areas, "
        "data; .json or .json.gz; folders are searched), all or nothing. `fetch --kpi … "
        "--municipality … --years 2015-2024`: fetch from the Kolada API and import."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        importing = sub.add_parser("import", help="Import Kolada files.")
        importing.add_argument("paths", nargs="+", type=Path)
        fetching = sub.add_parser("fetch", help="Fetch from the Kolada API and import.")
        fetching.add_argument("--kpi", required=True, help="KPI ids, e.g. N01951,N15428.")
        fetching.add_argument(
            "--municipality", required=True, help="Area ids, e.g. 1463,0014,0000."
        )
        fetching.add_argument("--years", required=True, help="E.g. 2015-2024 or 2021,2022.")
        fetching.add_argument(
            "--api", default=None, help="The API's base URL (default: setting KOLADA_API_URL)."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "import":
            self._import(options["paths"], options["acting_user"])
            return
        try:
            years = parse_years(options["years"])
        except ValueError as error:
            raise CommandError(f"--years: {error}") from None
        kpis, areas = _ids(options["kpi"]), _ids(options["municipality"])
        base = options["api"] or settings.KOLADA_API_URL
        with tempfile.TemporaryDirectory(prefix="styr-kolada-") as folder:
            try:
                fetch_pages(
                    kpis=kpis,
                    areas=areas,
                    years=years,
                    base_url=base,
                    folder=Path(folder),
                    log=self.stderr.write if options["verbosity"] > 1 else None,
                )
            except (FetchError, OSError) as error:
                raise CommandError(f"{error}; nothing was imported") from None
            self._import([Path(folder)], options["acting_user"])

    def _import(self, paths: list[Path], acting_user: Any) -> None:
        try:
            with self._progress() as progress:
                summary = do_import_kolada(paths, acting_user=acting_user, progress=progress)
        except KoladaImportRefused as refused:
            self._summary(refused.summary)
            for error in refused.errors:
                self.stderr.write(f"  {error}")
            if refused.summary.refused > len(refused.errors):
                self.stderr.write(f"  … and {refused.summary.refused - len(refused.errors)} more")
            raise CommandError(
                f"{refused.summary.refused} refused: nothing was written "
                "(inget har skrivits till databasen)"
            ) from None
        except KoladaError as error:
            raise CommandError(f"{error}: nothing was written") from None
        self._summary(summary)
        # Indicators linked to a KPI take the new outcomes; typed values are never replaced.
        taken = do_take_kolada_outcomes_everywhere(acting_user=acting_user)
        self.stdout.write(
            f"Indikatorer och följetal kopplade till Kolada: {taken.measures}; utfall "
            f"{taken.added} nya, {taken.updated} ändrade, {taken.unchanged} oförändrade"
        )
        for conflict in taken.conflicts:
            measure = conflict.measure
            self.stdout.write(
                f"  {measure.body.code} {measure.name} {conflict.year}: inskrivet "
                f"{_typed(conflict.typed, measure.decimals)} står kvar, Kolada anger "
                f"{format_number(conflict.kolada, measure.decimals)}"
            )
        for held in taken.held:
            measure = held.measure
            self.stdout.write(
                f"  {measure.body.code} {measure.name} {held.year}: året är beslutat och "
                f"behåller {_typed(held.typed, measure.decimals) if held.typed != '' else '–'}; "
                f"Kolada anger nu {format_number(held.kolada, measure.decimals)}"
            )

    def _summary(self, s: ImportSummary) -> None:
        self.stdout.write(f"Filer: {s.files}")
        self.stdout.write(f"Nyckeltal: {s.kpis} ({s.kpis_added} nya, {s.kpis_updated} ändrade)")
        self.stdout.write(f"Områden: {s.areas} ({s.areas_added} nya, {s.areas_updated} ändrade)")
        self.stdout.write(
            f"Värden: {s.values} lästa, {s.added} nya, {s.updated} ändrade, "
            f"{s.unchanged} oförändrade, "
            + (f"{s.withdrawn} återkallade av Kolada och borttagna, " if s.withdrawn else "")
            + f"{s.refused} avvisade"
        )

    @contextmanager
    def _progress(self) -> Iterator[Callable[[ImportProgress], None] | None]:
        # A bar only on a terminal: logs and pipes get the summary alone.
        if not self.stdout.isatty():
            yield None
            return
        from rich.progress import (
            BarColumn,
            DownloadColumn,
            Progress,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
            TransferSpeedColumn,
        )

        with Progress(
            TextColumn("Kolada"),
            BarColumn(),
            DownloadColumn(),
            TransferSpeedColumn(),
            TextColumn("{task.fields[values]:,} värden"),
            TimeElapsedColumn(),
            TimeRemainingColumn(),
        ) as bar:
            task = bar.add_task("import", total=None, values=0)

            def update(p: ImportProgress) -> None:
                bar.update(task, completed=p.bytes_done, total=p.bytes_total, values=p.values)

            yield update


def _typed(typed: Decimal | str, decimals: int) -> str:
    return typed if isinstance(typed, str) else format_number(typed, decimals)
