"""The kinds of plan items (digitalisation, premises and competence plans) and their fields."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from styr.plans.models import CompetenceNeed, DigitalisationItem, PlanItemBase, PremisesNeed


@dataclass(frozen=True)
class ItemKind:
    slug: str  # in the address: /plan/1/delar/digitalisering/
    model: type[PlanItemBase]
    title: StrOrPromise
    fields: tuple[str, ...]
    key_from: str  # the field a new item's key is made from
    labels: dict[str, StrOrPromise]


KINDS = {
    kind.slug: kind
    for kind in (
        ItemKind(
            "digitalisering",
            DigitalisationItem,
            _("Digitaliseringsplan"),
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
                "kind": _("Typ"),
                "name": _("Initiativ"),
                "budget_need": _("Budgetbehov (kr)"),
                "period_start": _("Från år"),
                "period_end": _("Till år"),
                "period_note": _("Period i ord"),
                "expected_effect": _("Förväntad måluppfyllelse"),
            },
        ),
        ItemKind(
            "lokaler",
            PremisesNeed,
            _("Lokalbehov"),
            ("description", "when", "category", "priority", "motivation"),
            "description",
            {
                "description": _("Behov"),
                "when": _("När"),
                "category": _("Kategori"),
                "priority": _("Nämndens prioritering"),
                "motivation": _("Motivering"),
            },
        ),
        ItemKind(
            "kompetens",
            CompetenceNeed,
            _("Kompetensförsörjning"),
            ("need", "actions"),
            "need",
            {"need": _("Behov"), "actions": _("Åtgärder")},
        ),
    )  # fmt: skip
}
