from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import CommandError, CommandParser

from styr.audit.cli import AuditedCommand
from styr.demo.actions import DEMO_ACCOUNTS, DEMO_PASSWORD, do_load_demo
from styr.planfiles.nodes import PlanFileError
from styr.plans.models import Plan


class Command(AuditedCommand):
    help = (
        "Load the demo: Marks kommun's Nämndplan 2024 for Kommunstyrelsen, the fictitious "
        "Styrby kommun with its tertial reports and bokslut, and demo accounts."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Only load when the database holds no plan yet (used by make run).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["if_empty"] and Plan.objects.exists():
            self.stdout.write("Databasen innehåller redan planer; demon laddas inte.")
        else:
            try:
                result = do_load_demo(acting_user=options["acting_user"])
            except PlanFileError as exc:
                raise CommandError(str(exc)) from None
            state = "laddad" if result.tally.changed() else "redan laddad, inget ändrat"
            self.stdout.write(f"Demo: Marks kommun och Styrby kommun (fiktiv) {state}.")
        existing = set(
            get_user_model()
            .objects.filter(username__in=[a.username for a in DEMO_ACCOUNTS])
            .values_list("username", flat=True)
        )
        accounts = [a for a in DEMO_ACCOUNTS if a.username in existing]
        if accounts:
            self.stdout.write(f"Demokonton (lösenord '{DEMO_PASSWORD}'):")
        for account in accounts:
            self.stdout.write(f"  {account.username:<14} {account.description}")
