"""The kinds of plan items (digitalisation, premises and competence plans) and their fields."""

from dataclasses import dataclass

from styr.plans.models import CompetenceNeed, DigitalisationItem, PlanItemBase, PremisesNeed


@dataclass(frozen=True)
class ItemKind:
    slug: str  # in the address: /plan/1/delar/digitalisering/
    model: type[PlanItemBase]
    title: str
    fields: tuple[str, ...]
    key_from: str  # the field a new item's key is made from
    labels: dict[str, str]


KINDS = {
    kind.slug: kind
    for kind in (
        ItemKind(
            "digitalisering",
            DigitalisationItem,
            "Digitaliseringsplan",
            (
                "kind",
                "name",
                "budget_need",
                "period_start",
                "period_end",
                "period_note",
                "expected_effect",
            ),
            "name",
            {
                "kind": "Typ",
                "name": "Initiativ",
                "budget_need": "Budgetbehov (kr)",
                "period_start": "Från år",
                "period_end": "Till år",
                "period_note": "Period i ord",
                "expected_effect": "Förväntad måluppfyllelse",
            },
        ),
        ItemKind(
            "lokaler",
            PremisesNeed,
            "Lokalbehov",
            ("description", "when", "category", "priority", "motivation"),
            "description",
            {
                "description": "Behov",
                "when": "När",
                "category": "Kategori",
                "priority": "Nämndens prioritering",
                "motivation": "Motivering",
            },
        ),
        ItemKind(
            "kompetens",
            CompetenceNeed,
            "Kompetensförsörjning",
            ("need", "actions"),
            "need",
            {"need": "Behov", "actions": "Åtgärder"},
        ),
    )  # fmt: skip
}
