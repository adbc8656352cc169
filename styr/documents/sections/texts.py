"""Free texts and the council's steering chain: vision, areas, goals, values, chapter texts."""

from styr.documents.blocks import register
from styr.documents.context import DocumentContext
from styr.documents.spec import BlockSchema, BlockSpec
from styr.documents.tree import BulletList, Paragraph
from styr.plans.models import PlanText
from styr.steering.models import CouncilText

_TEXT = BlockSchema({"text": "text"}, shorthand="text", required=frozenset({"text"}))
# `title: true` prints the text's own title as a sub-heading (the sample's "I Budget 2024-2027").
_KEY = BlockSchema({"key": "text", "title": "bool"}, shorthand="key", required=frozenset({"key"}))
_HEADED = BlockSchema({"heading": "text"}, shorthand="heading")


@register("heading", _TEXT)
def build_heading(ctx: DocumentContext, spec: BlockSpec) -> None:
    """A fixed sub-heading of the template, e.g. `Driftbudgettabell`."""
    ctx.subheading(spec.text("text"))


@register("paragraph", _TEXT)
def build_paragraph(ctx: DocumentContext, spec: BlockSpec) -> None:
    """A fixed text of the template, e.g. the municipality's standard introduction."""
    ctx.text(ctx.fill(spec.text("text")))


# The plan's texts about internal control (the glossary's keys): the administration's own,
# left out of the public edition wherever a template places them, as the risk blocks are.
INTERNAL_TEXTS = frozenset({"risk_analysis", "internal_control_plan", "internal_control_follow_up"})


def is_internal_text(spec: BlockSpec) -> bool:
    return spec.type == "plan_text" and spec.text("key") in INTERNAL_TEXTS


def _council_text(ctx: DocumentContext, key: str) -> CouncilText | None:
    if ctx.municipal_plan is None:
        return None
    return next((t for t in ctx.municipal_plan.texts.all() if t.key == key), None)


def _texts(ctx: DocumentContext) -> list[PlanText]:
    """The texts the document reads: a report's own where it has one of a key, else the
    plan's (a report never reads another report's texts)."""
    own = (
        {}
        if ctx.occasion.is_plan
        else {t.key: t for t in ctx.plan.texts.all() if t.occasion_id == ctx.occasion.pk}
    )
    plans = [t for t in ctx.plan.texts.all() if t.occasion_id is None]
    chosen = [own.pop(t.key, t) for t in plans]
    return chosen + sorted(own.values(), key=lambda t: t.position)


def _plan_text(ctx: DocumentContext, key: str) -> PlanText | None:
    return next((t for t in _texts(ctx) if t.key == key), None)


def _council_text_title(ctx: DocumentContext, spec: BlockSpec) -> str:
    text = _council_text(ctx, spec.text("key"))
    return text.title if text else ""


def _plan_text_title(ctx: DocumentContext, spec: BlockSpec) -> str:
    text = _plan_text(ctx, spec.text("key"))
    return text.title if text else ""


def _show(ctx: DocumentContext, spec: BlockSpec, text: CouncilText | PlanText | None) -> None:
    # A text the plan does not have shows nothing; its section heading still stands, as the
    # sample's empty "3.1 Följetal kopplade till grunduppdraget" does.
    if text is None:
        return
    if spec.flag("title"):
        ctx.subheading(text.title)
    ctx.text(text.text)


@register("council_text", _KEY, title=_council_text_title)
def build_council_text(ctx: DocumentContext, spec: BlockSpec) -> None:
    """A chapter text of the council's, shared by every body's plan."""
    _show(ctx, spec, _council_text(ctx, spec.text("key")))


@register("plan_text", _KEY, title=_plan_text_title)
def build_plan_text(ctx: DocumentContext, spec: BlockSpec) -> None:
    """A chapter text of the body's own plan."""
    _show(ctx, spec, _plan_text(ctx, spec.text("key")))


@register("vision")
def build_vision(ctx: DocumentContext, spec: BlockSpec) -> None:
    if ctx.municipal_plan is not None:
        ctx.text(ctx.municipal_plan.vision)


@register("core_values")
def build_core_values(ctx: DocumentContext, spec: BlockSpec) -> None:
    if ctx.municipal_plan is not None:
        ctx.text(ctx.municipal_plan.core_values)


@register("strategic_areas", _HEADED)
def build_strategic_areas(ctx: DocumentContext, spec: BlockSpec) -> None:
    if ctx.municipal_plan is None:
        return
    areas = list(ctx.municipal_plan.strategic_areas.all())
    ctx.subheading(spec.text("heading", "Strategiska områden"))
    ctx.add(BulletList(tuple(a.name for a in areas)))
    for area in areas:
        if area.description:
            ctx.text(area.description)


@register("municipal_goals", _HEADED)
def build_municipal_goals(ctx: DocumentContext, spec: BlockSpec) -> None:
    if ctx.municipal_plan is None:
        return
    goals = list(ctx.municipal_plan.municipal_goals.all())
    ctx.subheading(spec.text("heading", "Kommungemensamma mål"))
    ctx.add(BulletList(tuple(g.name for g in goals)))


@register("starting_points")
def build_starting_points(ctx: DocumentContext, spec: BlockSpec) -> None:
    """The starting points; one with a description shows it (the sample's three dimensions)."""
    if ctx.municipal_plan is None:
        return
    for point in ctx.municipal_plan.starting_points.all():
        if point.description:
            ctx.text(point.description)
        else:
            ctx.add(BulletList((point.name,)))


@register("prerequisites")
def build_prerequisites(ctx: DocumentContext, spec: BlockSpec) -> None:
    if ctx.municipal_plan is None:
        return
    names = tuple(p.name for p in ctx.municipal_plan.prerequisites.all())
    if names:
        ctx.add(BulletList(names))
    for prerequisite in ctx.municipal_plan.prerequisites.all():
        if prerequisite.description:
            ctx.add(Paragraph((prerequisite.description,)))


@register("other_texts")
def build_other_texts(ctx: DocumentContext, spec: BlockSpec) -> None:
    """The plan's chapter texts the template does not place, each as a section.

    A text written under a key of the plan's own is never lost from the document."""
    for text in _texts(ctx):
        if ctx.public and text.key in INTERNAL_TEXTS:
            continue
        if text.key not in ctx.placed_texts:
            ctx.section(text.title or text.key)
            ctx.text(text.text)
