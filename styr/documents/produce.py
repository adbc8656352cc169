"""Producing a plan's document: template, occasion and tree, with one-line errors."""

from styr.documents.build import build_document
from styr.documents.models import DocumentTemplate, DocumentVersion
from styr.documents.spec import PlacementError
from styr.documents.templates import TemplateError, template_for
from styr.documents.tree import Document
from styr.plans.models import OccasionKind, Plan, ReportOccasion

# Messages of the command line are in English, as Django's own are.
KIND_NAMES = {
    OccasionKind.PLAN: "plan",
    OccasionKind.INTERIM: "interim report",
    OccasionKind.ANNUAL: "annual report",
}

# The document each kind of occasion prints, where a page needs one.
DOCUMENT_OF_KIND: dict[str, str] = {
    OccasionKind.PLAN: "namndplan",
    OccasionKind.INTERIM: "delarsrapport",
    OccasionKind.ANNUAL: "arsrapport",
}


class DocumentError(ValueError):
    """A document that cannot be produced: unknown template or occasion."""


def find_occasion(plan: Plan, kind: str, key: str | None) -> ReportOccasion:
    occasions = list(plan.occasions.all())
    label = KIND_NAMES[OccasionKind(kind)]
    if key is not None:
        occasion = next((o for o in occasions if o.key == key), None)
        if occasion is None:
            known = ", ".join(o.key for o in occasions) or "none"
            raise DocumentError(f"{plan} has no report occasion {key!r} (occasions: {known})")
        if occasion.kind != kind:
            given = KIND_NAMES[OccasionKind(occasion.kind)]
            raise DocumentError(f"the occasion {key!r} is for the {given}, not the {label}")
        return occasion
    occasion = next((o for o in occasions if o.kind == kind), None)
    if occasion is None:
        raise DocumentError(
            f"{plan} has no occasion for the {label}; add one to the plan's occasions"
        )
    return occasion


def document_for(
    plan: Plan, template_key: str, occasion_key: str | None = None, *, public: bool = False
) -> Document:
    try:
        template = template_for(plan.body.municipality, template_key)
    except TemplateError as exc:
        raise DocumentError(str(exc)) from None
    occasion = find_occasion(plan, template.occasion, occasion_key)
    try:
        return build_document(plan, template, occasion, public=public)
    except PlacementError as exc:
        raise DocumentError(str(exc)) from None


def occasion_for(plan: Plan, template_key: str, occasion_key: str | None = None) -> ReportOccasion:
    try:
        template = template_for(plan.body.municipality, template_key)
    except TemplateError as exc:
        raise DocumentError(str(exc)) from None
    return find_occasion(plan, template.occasion, occasion_key)


def versions_of(occasion: ReportOccasion, template_key: str) -> list[DocumentVersion]:
    return list(
        DocumentVersion.objects.for_occasion(occasion).of_template(template_key).order_by("number")
    )


def decided_version(
    plan: Plan, template_key: str, occasion_key: str | None = None, number: int | None = None
) -> DocumentVersion | None:
    """The version a reader gets: with `number` that version; otherwise the newest decided
    version while the occasion is decided (adopted or locked), else None (the live draft)."""
    occasion = occasion_for(plan, template_key, occasion_key)
    versions = versions_of(occasion, template_key)
    if number is not None:
        found = next((v for v in versions if v.number == number), None)
        if found is None:
            known = ", ".join(str(v.number) for v in versions) or "none yet"
            raise DocumentError(
                f"{occasion.name} has no decided version {number} of {template_key} "
                f"(versions: {known})"
            )
        return found
    if occasion.is_decided and versions:
        return versions[-1]
    return None


def documents_by_kind(municipality_id: int) -> dict[str, str]:
    """The document each kind of occasion links to for a municipality: its own template of
    that kind if it has one (Styrby's tertialrapport), else the shipped one. One query, and
    each own template's kind read once."""
    from styr.documents.actions import declared_occasion

    chosen = dict(DOCUMENT_OF_KIND)
    own = DocumentTemplate.objects.filter(municipality_id=municipality_id)
    # Newest version of each key, and by key the first wins (sorted, as `occasion_templates`).
    seen: set[str] = set()
    for template in own.order_by("key", "-version"):
        if template.key in seen:
            continue
        seen.add(template.key)
        kind = declared_occasion(template)
        if kind is not None and chosen.get(kind) == DOCUMENT_OF_KIND.get(kind):
            chosen[kind] = template.key
    return chosen
