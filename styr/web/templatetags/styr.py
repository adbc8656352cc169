from typing import Any

from django import template
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from styr.audit import labels
from styr.core.conflicts import version_of
from styr.core.formatting import format_number
from styr.documents.render.html import figure_html, table_html
from styr.documents.text import text_blocks
from styr.documents.tree import BulletList, Figure, Heading, Paragraph, Table

register = template.Library()


@register.simple_tag(takes_context=True)
def plan_place(context: template.Context) -> Any:
    """Where the page sits, when it is a page of a plan (see styr.web.place)."""
    from styr.plans.models import Plan
    from styr.web.place import place_of

    plan, request = context.get("plan"), context.get("request")
    if not isinstance(plan, Plan) or request is None or plan.pk is None:
        return None
    return place_of(request, plan)


@register.simple_tag
def version(*values: Any) -> str:
    """The version a follow-up form was opened on, checked when it is saved."""
    return version_of(*values)


@register.filter
def sv(value: Any, decimals: int | None = None) -> str:
    """A number the Swedish way: 35 201, 83,6, −205,6."""
    return format_number(value, decimals) if value is not None else ""


@register.filter
def get(mapping: dict[Any, Any], key: Any) -> Any:
    return mapping.get(key)


@register.filter
def get_item(sequence: list[Any], index: int) -> Any:
    return sequence[index] if 0 <= index < len(sequence) else ""


@register.filter
def chapter_html(text: str, images: dict[str, Figure] | None = None) -> SafeString:
    """A chapter text as HTML. Only the Markdown subset is read; everything else is escaped.
    With the plan's `images`, `![…](bild:KEY)` shows the image."""
    parts = []
    for block in text_blocks(text, base_level=4, images=images or {}):
        if isinstance(block, Heading):
            parts.append(f"<h{block.level}>{escape(block.text)}</h{block.level}>")
        elif isinstance(block, Paragraph):
            parts.append("<p>" + "<br>".join(escape(line) for line in block.lines) + "</p>")
        elif isinstance(block, BulletList):
            tag = "ol" if block.ordered else "ul"
            items = "".join(f"<li>{escape(i)}</li>" for i in block.items)
            parts.append(f"<{tag}>{items}</{tag}>")
        elif isinstance(block, Table):
            parts.append(table_html(block))  # escapes every cell
        elif isinstance(block, Figure):
            parts.append(figure_html(block))  # escapes the alternative text
    return mark_safe("".join(parts))


@register.filter
def action_label(code: str) -> str:
    return labels.action_label(code)


@register.filter
def goal_name(goal: Any) -> str:
    """A goal as its heading reads: its title, or what it answers to when it has none (never
    its key)."""
    from styr.documents.sections import goals

    return goals.goal_name(goal)


@register.filter
def actor_label(name: str) -> str:
    return labels.actor_label(name)


@register.filter
def change_rows(changes: Any) -> list[labels.Change]:
    return labels.describe(changes)
