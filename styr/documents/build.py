"""Building a document tree from a plan, a template and a report occasion."""

from datetime import date

from django.conf import settings
from django.utils import translation

from styr.documents.blocks import REGISTRY, schemas
from styr.documents.context import DocumentContext, Printed
from styr.documents.sections.texts import is_internal_text
from styr.documents.spec import COVER_FIELDS, BlockSpec, TemplateSpec
from styr.documents.tree import Document, Figure
from styr.finance.models import swedish_date
from styr.organisation.models import WordBase
from styr.plans.models import Plan, ReportOccasion, TextImage
from styr.steering.models import MunicipalPlan


def _title(ctx: DocumentContext, given: str, content: tuple[BlockSpec, ...]) -> str:
    """The heading the template gives, or else the title of the first text the part shows."""
    if given:
        return given
    for block in content:
        titler = REGISTRY[block.type].title
        if titler is not None and (title := titler(ctx, block)):
            return title
    return ""


def _period(plan: Plan, occasion: ReportOccasion) -> str:
    """1 januari–30 april 2025 for a report per a date; the year for the plan."""
    if occasion.is_plan or occasion.date is None:
        return str(plan.year)
    start = date(occasion.date.year, 1, 1)
    return f"{swedish_date(start).rsplit(' ', 1)[0]}–{swedish_date(occasion.date)}"


def plan_figures(plan: Plan) -> dict[str, Figure]:
    return {
        image.key: Figure(image.alt, image.content_type, bytes(image.content), image.width,
                          image.height)
        for image in TextImage.objects.filter(plan=plan)
    }  # fmt: skip


def cover_fields(
    fields: tuple[str, ...], plan: Plan, occasion: ReportOccasion
) -> tuple[tuple[str, str], ...]:
    decided_on, minute = occasion.decision
    decision = (
        f"Fastställd {decided_on.isoformat()}, {minute}"
        if occasion.is_decided and decided_on
        else "Ej fastställd"
    )
    values = {
        "organisation": plan.body.name,
        "municipality": plan.body.municipality.name,
        "period": _period(plan, occasion),
        "status": occasion.workflow_state_label,
        "decision": decision,
        "date": occasion.date.isoformat() if occasion.date else "",
    }
    return tuple((COVER_FIELDS[f], values[f]) for f in fields if values[f])


# What the public edition's title page says it is (the municipality's language, as the rest).
PUBLIC_EDITION = (
    "Utgåva",
    "Offentlig: utan interna analyser och kommentarer, intern kontroll och det kommunen inte "
    "publicerar",
)


def build_document(
    plan: Plan,
    template: TemplateSpec,
    occasion: ReportOccasion,
    *,
    public: bool = False,
    printed: Printed | None = None,
) -> Document:
    """The document of `plan` at `occasion` as `template` lays it out; with `public`, the
    edition residents get (DocumentContext.public).

    A document is the municipality's, in its language, whatever language the official who
    asks for it has chosen for the interface. `printed` collects what a public edition printed.
    """
    with translation.override(settings.LANGUAGE_CODE):
        return _build_document(plan, template, occasion, public, printed or Printed())


def _build_document(
    plan: Plan, template: TemplateSpec, occasion: ReportOccasion, public: bool, printed: Printed
) -> Document:
    schemas()  # every block type registered
    municipality = plan.body.municipality
    municipal_plan = (
        MunicipalPlan.objects.filter(municipality=municipality, year=plan.year)
        .prefetch_related(
            "texts", "strategic_areas", "municipal_goals", "prerequisites", "starting_points"
        )
        .first()
    )
    plan = (
        Plan.objects.select_related("body__municipality", "risk_matrix")
        .prefetch_related(
            "texts", "digitalisation_items", "digitalisation_totals", "premises_needs",
            "competence_needs", "risk_matrix__levels",
        )
        .get(pk=plan.pk)
    )  # fmt: skip
    document = Document(
        title="",
        municipality=municipality.name,
        body=plan.body.name,
        year=plan.year,
    )
    occasion.plan = plan  # its state as read now, not as the caller's copy had it
    if occasion.is_decided:
        document.adopted_on, document.adopted_minute = occasion.decision
    ctx = DocumentContext(plan, occasion, municipal_plan, document, public=public, printed=printed)
    ctx.images = plan_figures(plan)
    ctx.placed_texts = frozenset(
        block.text("key")
        for chapter in template.chapters
        for block in (*chapter.content, *(b for s in chapter.sections for b in s.content))
        if block.type == "plan_text"
    )
    document.title = ctx.fill(template.title)
    document.subtitle = plan.body.name
    document.cover = cover_fields(template.cover, plan, occasion)
    if public:
        document.cover += (PUBLIC_EDITION,)
    base = WordBase.objects.filter(municipality=municipality).values_list("content", flat=True)
    document.word_base = bytes(base.first() or b"")
    for chapter in template.chapters:
        if public and _internal(chapter.public, chapter.content):
            continue
        start = len(document.blocks)
        ctx.chapter(_title(ctx, chapter.title, chapter.content) or template.name)
        for block in chapter.content:
            REGISTRY[block.type].build(ctx, block)
        withheld = False
        for section in chapter.sections:
            if public and _internal(section.public, section.content):
                withheld = True
                continue
            title = _title(ctx, section.title, section.content)
            before = len(document.blocks)
            ctx.section(title)
            for block in section.content:
                REGISTRY[block.type].build(ctx, block)
            if (not title or public) and len(document.blocks) == before + 1:
                # Untitled and empty (the text it takes its title from is missing), or empty in
                # the public edition (its items not public): left out.
                del document.blocks[before:]
                ctx.section_number -= 1
        # A chapter the public edition left empty is left out whole, as an optional one.
        if (chapter.optional or withheld or public) and len(document.blocks) == start + 1:
            del document.blocks[start:]
            ctx.chapter_number -= 1
    return document


def _internal(marked_public: bool, content: tuple[BlockSpec, ...]) -> bool:
    """Whether the public edition leaves a chapter or section out: the template marks it
    `public: false`, or it holds internal control (a risk block or a text of internal control),
    the administration's own whatever the template says (an older template has no mark)."""
    return not marked_public or any(
        REGISTRY[block.type].internal or is_internal_text(block) for block in content
    )
