"""`styr plan submit|reopen|adopt|revise|lock [--occasion KEY]`: the workflow of a plan and of
its reports from the command line, with the same rules and audit entries as the web."""

from datetime import date
from typing import Any

from django.core.management.base import CommandError, CommandParser

from styr.audit.cli import AuditedCommand
from styr.documents.actions import FreezeError, do_freeze_decided
from styr.planfiles.lookup import find_plan
from styr.planfiles.nodes import quoted
from styr.plans.actions import (
    TRANSITIONS,
    InvalidTransition,
    do_change_occasion_state,
    do_change_plan_state,
)
from styr.plans.models import Plan, ReportOccasion


class Command(AuditedCommand):
    help = (
        "Move a plan, or with --occasion one of its reports, through its workflow: submit, "
        "reopen, adopt (with date and §), revise (open an adopted document for a revision) or "
        "lock (the plan, once its reports are adopted)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "step",
            choices=[*sorted(TRANSITIONS), "freeze"],
            help="freeze: store decided versions of the adopted plan and reports that have "
            "none yet (adopted before Styr kept versions), with their recorded decisions.",
        )
        parser.add_argument("--body", required=True, help="The body's code, e.g. KS.")
        parser.add_argument("--year", required=True, type=int)
        parser.add_argument("--municipality", help="The municipality's key, if several.")
        parser.add_argument(
            "--occasion",
            help="A report occasion's key (e.g. delar, arsrapport): its report takes the step, "
            "not the plan.",
        )
        parser.add_argument(
            "--date", type=date.fromisoformat, help="Adoption: the date of the decision."
        )
        parser.add_argument("--paragraph", default="", help='Adoption: the minute, e.g. "§ 123".')

    def handle(self, *args: Any, **options: Any) -> None:
        step: str = options["step"]
        plan = find_plan(options["body"], options["year"], options["municipality"])
        if step != "adopt" and (options["date"] or options["paragraph"]):
            raise CommandError("--date och --paragraph används bara med adopt")
        user = options["acting_user"]
        if step == "freeze":
            try:
                versions = do_freeze_decided(plan, acting_user=user)
            except FreezeError as exc:
                raise CommandError(str(exc)) from None
            for version in versions:
                self.stdout.write(f"{version.title}: {version.label.lower()}")
            if not versions:
                self.stdout.write(f"{plan}: alla beslutade dokument har redan sin version")
            return
        occasion = None
        if options["occasion"]:
            occasion = plan.occasions.filter(key=options["occasion"]).first()
            if occasion is None:
                known = ", ".join(plan.occasions.values_list("key", flat=True)) or "inga"
                raise CommandError(
                    f"{plan} har inget rapporttillfälle {quoted(options['occasion'])} "
                    f"(rapporttillfällena: {known})"
                )
        before = _state(plan, occasion)
        decision = {"adopted_on": options["date"], "adopted_minute": options["paragraph"]}
        try:
            if occasion is not None:
                occasion = do_change_occasion_state(occasion, step, acting_user=user, **decision)
            else:
                plan = do_change_plan_state(plan, step, acting_user=user, **decision)
        except InvalidTransition as exc:
            raise CommandError(str(exc)) from None
        decided_on, minute = (
            occasion.decision if occasion else (plan.adopted_on, plan.adopted_minute)
        )
        said = f" ({decided_on:%Y-%m-%d}, {minute})" if step == "adopt" else ""
        name = occasion.name if occasion else str(plan)
        self.stdout.write(f"{name}: {before} → {_state(plan, occasion)}{said}")


def _state(plan: Plan, occasion: ReportOccasion | None) -> str:
    if occasion is not None:
        return occasion.workflow_state_label.lower()
    return plan.get_state_display().lower()
