from typing import Any

from django.core.management.base import CommandError, CommandParser
from django.core.management.commands.check import Command as SystemCheckCommand

from styr.planfiles.check import Severity, check_plan
from styr.planfiles.lookup import find_plan


class Command(SystemCheckCommand):
    help = (
        "With --body and --year: check that plan for inconsistencies (stated totals that differ "
        "from computed sums, targets against the indicator's direction, risk scores, missing "
        "targets), one finding a line, changing nothing; exits 1 on errors or warnings. "
        "Without them: Django's system checks."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        super().add_arguments(parser)
        parser.add_argument("--body", help="The body's code, e.g. KS.")
        parser.add_argument("--year", type=int)
        parser.add_argument("--municipality", help="The municipality's key, if several.")

    def handle(self, *app_labels: Any, **options: Any) -> None:
        if options["body"] is None and options["year"] is None:
            super().handle(*app_labels, **options)
            return
        if options["body"] is None or options["year"] is None:
            raise CommandError("ange både --body och --year")
        plan = find_plan(options["body"], options["year"], options["municipality"])
        findings = check_plan(plan)
        for finding in findings:
            self.stdout.write(str(finding))
        serious = [f for f in findings if f.severity != Severity.NOTICE]
        self.stderr.write(
            f"{plan}: {len(findings)} anmärkningar, varav {len(serious)} fel eller varningar"
        )
        if serious:
            raise SystemExit(1)
