from typing import Any

from django.core.management.base import CommandParser

from styr.core.commands import StyrCommand
from styr.demo.generate import do_generate


class Command(StyrCommand):
    help = "Create (or re-create) a synthetic large municipality for tests and benchmarks."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--bodies", type=int, default=40)
        parser.add_argument("--goals", type=int, default=50, help="Goals per body.")
        parser.add_argument("--indicators", type=int, default=5, help="Indicators per goal.")
        parser.add_argument("--years", type=int, default=10, help="Years of values.")
        parser.add_argument(
            "--scale", type=int, default=1,
            help="Size of the rest of each plan: 1 is about the sample (assignments, risks, "
            "metrics, digitalisation, text), 10 ten times that.",
        )  # fmt: skip
        parser.add_argument("--seed", type=int, default=1)

    def handle(self, *args: Any, **options: Any) -> None:
        for name in ("bodies", "goals", "indicators", "years", "scale"):
            if options[name] < 1:
                self.stderr.write(f"--{name} must be at least 1")
                raise SystemExit(2)
        result = do_generate(
            bodies=options["bodies"],
            goals=options["goals"],
            indicators=options["indicators"],
            years=options["years"],
            scale=options["scale"],
            seed=options["seed"],
            acting_user=None,
        )
        self.stdout.write(
            f"{result.municipality}: {result.bodies} organ, {result.goals} mål, "
            f"{result.indicators} indikatorer, {result.values} indikatorvärden"
        )
