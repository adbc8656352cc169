"""`styr reminders send [--date YYYY-MM-DD]`: e-mail reporters what they have not reported at
the report occasions whose deadline is near (REMINDER_DAYS_BEFORE). Run it every day; a
second run on the same day sends nothing again."""

from datetime import date
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import CommandError, CommandParser
from django.utils import timezone

from styr.audit.cli import AuditedCommand
from styr.reminders.actions import do_send_due_reminders


class Command(AuditedCommand):
    help = (
        "send: e-mail each reporter the items they have not reported at report occasions "
        "whose deadline is near, once per step of REMINDER_DAYS_BEFORE."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("step", choices=["send"])
        parser.add_argument(
            "--date",
            type=date.fromisoformat,
            help="The day to send as (default: today); e.g. to catch up a missed day.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        today = options["date"] or timezone.localdate()
        try:
            summary = do_send_due_reminders(today=today, acting_user=options["acting_user"])
        except ImproperlyConfigured as exc:
            raise CommandError(str(exc)) from None
        for username in summary.sent:
            self.stdout.write(f"skickad: {username}")
        for username in summary.failed:
            self.stderr.write(f"misslyckades: {username}")
        self.stdout.write(f"{today.isoformat()}: {summary}")
        if summary.failed:
            raise CommandError("några påminnelser kunde inte skickas; de skickas vid nästa körning")
