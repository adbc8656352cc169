"""Reading document templates: from YAML text, and the one a plan's municipality uses."""

import re

from styr.documents.blocks import REGISTRY, schemas
from styr.documents.context import PLACEHOLDERS
from styr.documents.models import DocumentTemplate
from styr.documents.spec import TemplateSpec, parse_template
from styr.organisation.models import Municipality
from styr.planfiles.nodes import PlanFileError


class TemplateError(ValueError):
    """A template that cannot be used, with where and why."""


def parse(text: str, label: str) -> TemplateSpec:
    try:
        spec = parse_template(text, label, schemas())
    except PlanFileError as exc:
        raise TemplateError(str(exc)) from None
    _check_placeholders(spec, label)
    for chapter in spec.chapters:
        blocks = list(chapter.content) + [b for s in chapter.sections for b in s.content]
        for block in blocks:
            check = REGISTRY[block.type].check
            if check is None:
                continue
            try:
                check(block)
            except ValueError as exc:
                raise TemplateError(f"{block.where}: {block.type}: {exc}") from None
    return spec


def template_for(municipality: Municipality, key: str) -> TemplateSpec:
    try:
        stored = DocumentTemplate.objects.current(key, municipality)
    except DocumentTemplate.DoesNotExist:
        known = sorted(
            set(
                DocumentTemplate.objects.for_municipality(municipality).values_list(
                    "key", flat=True
                )
            )
        )
        raise TemplateError(
            f"there is no document template {key!r} (known: {', '.join(known)})"
        ) from None
    return parse(stored.definition, f"{stored.key}-v{stored.version}.yaml")


_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")


def _unknown(text: str) -> list[str]:
    return [name for name in _PLACEHOLDER.findall(text) if name not in PLACEHOLDERS]


def _check_placeholders(spec: TemplateSpec, label: str) -> None:
    """A misspelt {placeholder} would print as written; refuse it when the template is read."""
    known = ", ".join("{" + p + "}" for p in sorted(PLACEHOLDERS))
    places: list[tuple[str, str]] = [(f"{label}: title", spec.title)]
    for c, chapter in enumerate(spec.chapters):
        places.append((f"{label}: chapters[{c}].title", chapter.title))
        for s, section in enumerate(chapter.sections):
            places.append((f"{label}: chapters[{c}].sections[{s}].title", section.title))
        for block in (*chapter.content, *(b for s in chapter.sections for b in s.content)):
            for value in block.options.values():
                texts = (
                    value
                    if isinstance(value, list)
                    else [value]
                    if isinstance(value, str)
                    else list(value.values())
                    if isinstance(value, dict)
                    else []
                )
                places.extend((f"{block.where}: {block.type}", text) for text in texts)
    for where, text in places:
        unknown = _unknown(text)
        if unknown:
            raise TemplateError(f"{where}: unknown placeholder {{{unknown[0]}}} (known: {known})")


def text_slots(spec: TemplateSpec) -> list[tuple[str, str]]:
    """The chapter texts a template places, as (key, the heading it stands under), in order."""
    slots: list[tuple[str, str]] = []
    for chapter in spec.chapters:
        places = [(chapter.title, chapter.content)] + [
            (section.title or chapter.title, section.content) for section in chapter.sections
        ]
        for heading, content in places:
            for block in content:
                key = block.text("key") if block.type == "plan_text" else ""
                if key and key not in (k for k, _ in slots):
                    slots.append((key, heading))
    return slots
