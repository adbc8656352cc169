"""The fictitious Styrby kommun beside Marks: its own document templates and status words, and
its year taken through two adopted tertial reports, so the demo shows a municipality whose
reports have another shape than Marks'."""

from datetime import date
from pathlib import Path

from styr.audit.actions import Actor
from styr.organisation.models import Municipality
from styr.planfiles.reference import do_import_reference_files
from styr.plans.actions import do_change_occasion_state
from styr.plans.models import Plan, PlanState

DATA_DIR = Path(__file__).parent / "data" / "styrby"
KEY = "styrby"

# The reports the demo has decided: (occasion key, date, minute).
DECIDED = [("tertial1", date(2024, 5, 27), "§ 41"), ("tertial2", date(2024, 9, 23), "§ 63")]


def styrby_files() -> list[Path]:
    return sorted(DATA_DIR.glob("*.yaml"))


def reference_files() -> list[Path]:
    """Styrby's own status words and templates, as a municipality keeps them: reference files
    read by `styr reference import`."""
    return sorted((DATA_DIR / "reference").rglob("*.yaml"))


def prepare_styrby(acting_user: Actor) -> None:
    """Styrby's templates and statuses, and its tertial reports adopted. Idempotent."""
    municipality = Municipality.objects.filter(key=KEY).first()
    if municipality is None:
        return
    do_import_reference_files(reference_files(), municipality, acting_user=acting_user)
    for plan in Plan.objects.filter(body__municipality=municipality, state=PlanState.ADOPTED):
        for key, decided_on, minute in DECIDED:
            occasion = plan.occasions.filter(key=key, state=PlanState.DRAFT).first()
            if occasion is not None:
                do_change_occasion_state(
                    occasion, "adopt", acting_user=acting_user,
                    adopted_on=decided_on, adopted_minute=minute,
                )  # fmt: skip
