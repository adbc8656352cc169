"""`styr proposals purge`: erase residents inactive longer than PROPOSAL_RETENTION_DAYS."""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from styr.audit.cli import operating
from styr.proposals.actions import do_purge_residents


class Command(BaseCommand):
    help = "E-förslag: purge erases residents inactive longer than PROPOSAL_RETENTION_DAYS."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("what", choices=["purge"])

    def handle(self, *args: Any, **options: Any) -> None:
        with operating("styr proposals purge"):
            erased = do_purge_residents()
        self.stdout.write(f"{erased} residents erased")
