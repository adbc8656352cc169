"""The fictitious Styrby kommun beside Marks: its own document templates and status words, and
its year taken through two adopted tertial reports, so the demo shows a municipality whose
reports have another shape than Marks'."""

from datetime import date
from pathlib import Path

from styr.audit.actions import Actor
from styr.documents.models import DocumentTemplate
from styr.organisation.models import Municipality
from styr.plans.actions import do_change_occasion_state
from styr.plans.models import Plan, PlanState
from styr.scales.actions import OptionInput, do_copy_scale, do_save_scale
from styr.scales.models import Scale

DATA_DIR = Path(__file__).parent / "data" / "styrby"
KEY = "styrby"

# Styrby's own words for the statuses, by option key: {scale: {option: (label, colour)}}.
SCALES = {
    "assignment-status": {
        "not_started": ("Ej påbörjad", "#757575"),
        "ongoing": ("Påbörjad", "#1565c0"),
        "closed": ("Klar", "#2e7d32"),
        "paused": ("Vilande", "#ef6c00"),
    },
    "activity-status": {
        "not_started": ("Ej startad", "#757575"),
        "ongoing": ("Pågår", "#1565c0"),
        "completed": ("Klar", "#2e7d32"),
        "delayed": ("Försenad", "#ef6c00"),
        "cancelled": ("Avbruten", "#c62828"),
    },
    "goal-fulfilment": {
        "met": ("Helt uppfyllt", "#2e7d32"),
        "partly_met": ("Delvis uppfyllt", "#f9a825"),
        "not_met": ("Inte uppfyllt", "#c62828"),
    },
}
# The reports the demo has decided: (occasion key, date, minute).
DECIDED = [("tertial1", date(2024, 5, 27), "§ 41"), ("tertial2", date(2024, 9, 23), "§ 63")]


def styrby_files() -> list[Path]:
    return sorted(DATA_DIR.glob("*.yaml"))


def _templates(municipality: Municipality) -> None:
    for path in sorted((DATA_DIR / "templates").glob("*.yaml")):
        definition = path.read_text(encoding="utf-8")
        key = path.stem
        if DocumentTemplate.objects.filter(municipality=municipality, key=key).exists():
            continue  # loaded before: the municipality may have changed it since
        template = DocumentTemplate(
            municipality=municipality, key=key, version=1,
            name=key.replace("rapport", "rapport ").strip().capitalize(), definition=definition,
        )  # fmt: skip
        template.full_clean()
        template.save()


def _scales(municipality: Municipality, acting_user: Actor) -> None:
    for key, words in SCALES.items():
        if Scale.objects.filter(key=key, municipality=municipality).exists():
            continue
        own = do_copy_scale(key, municipality, acting_user=acting_user)
        rows = [
            OptionInput(o.key, words.get(o.key, (o.label, o.colour))[0], o.label_en,
                        words.get(o.key, (o.label, o.colour))[1])
            for o in own.options.all()
        ]  # fmt: skip
        do_save_scale(own, rows, acting_user=acting_user)


def prepare_styrby(acting_user: Actor) -> None:
    """Styrby's templates and statuses, and its tertial reports adopted. Idempotent."""
    municipality = Municipality.objects.filter(key=KEY).first()
    if municipality is None:
        return
    _templates(municipality)
    _scales(municipality, acting_user)
    for plan in Plan.objects.filter(body__municipality=municipality, state=PlanState.ADOPTED):
        for key, decided_on, minute in DECIDED:
            occasion = plan.occasions.filter(key=key, state=PlanState.DRAFT).first()
            if occasion is not None:
                do_change_occasion_state(
                    occasion, "adopt", acting_user=acting_user,
                    adopted_on=decided_on, adopted_minute=minute,
                )  # fmt: skip
