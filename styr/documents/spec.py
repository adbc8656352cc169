"""Document templates: which chapters a document has, in what order, filled from which data.

A template is YAML (see docs/document-templates.md). Reading one checks every chapter and
block against the known block types, so a mistake is reported with its line before anything
is rendered.
"""

from dataclasses import dataclass, field
from typing import Literal

import yaml

from styr.planfiles.nodes import Node, PlanFileError, loads

OptionKind = Literal["text", "texts", "bool", "map"]
OptionValue = str | list[str] | bool | dict[str, str]


@dataclass(frozen=True)
class BlockSchema:
    """What options a block type takes. `shorthand` is the option `type: value` sets."""

    options: dict[str, OptionKind] = field(default_factory=dict)
    shorthand: str | None = None
    required: frozenset[str] = frozenset()
    choices: dict[str, frozenset[str]] = field(default_factory=dict)


@dataclass(frozen=True)
class BlockSpec:
    type: str
    options: dict[str, OptionValue]
    where: str  # file:line, for messages

    def text(self, name: str, default: str = "") -> str:
        value = self.options.get(name, default)
        return value if isinstance(value, str) else default

    def mapping(self, name: str) -> dict[str, str]:
        value = self.options.get(name)
        return value if isinstance(value, dict) else {}

    def texts(self, name: str, default: list[str] | None = None) -> list[str]:
        value = self.options.get(name)
        if isinstance(value, list):
            return value
        if isinstance(value, str):
            return [value]
        return list(default or [])

    def flag(self, name: str, default: bool = False) -> bool:
        value = self.options.get(name, default)
        return value if isinstance(value, bool) else default


@dataclass(frozen=True)
class SectionSpec:
    title: str  # may hold {placeholders}; empty means: the title of the section's first text
    content: tuple[BlockSpec, ...]
    public: bool = True  # false: left out of the public edition (the administration's own)


@dataclass(frozen=True)
class ChapterSpec:
    title: str  # empty means: the title of the chapter's first text
    content: tuple[BlockSpec, ...]
    sections: tuple[SectionSpec, ...]
    optional: bool = False  # left out when the plan gives it nothing to show
    public: bool = True  # false: left out of the public edition (the administration's own)


class PlacementError(ValueError):
    """A template places something the plan does not have (a named table, a column); the
    message names the template's line. Raised while the document is built."""


OCCASION_KINDS = {"plan", "interim", "annual"}
# What a cover (title page) can show beside the title, in the order the template lists them.
COVER_FIELDS = {
    "organisation": "Organisation",
    "period": "Period",
    "status": "Status",
    "decision": "Beslut",
    "date": "Per datum",
    "municipality": "Kommun",
}


@dataclass(frozen=True)
class TemplateSpec:
    key: str
    version: int
    name: str
    occasion: str  # which kind of report occasion the document shows: plan, interim, annual
    title: str
    chapters: tuple[ChapterSpec, ...]
    cover: tuple[str, ...] = ()  # fields of COVER_FIELDS the title page shows


def parse_template(text: str, label: str, schemas: dict[str, BlockSchema]) -> TemplateSpec:
    """Read and check a template. Raises PlanFileError naming file, line and field."""
    root = loads(text, label)
    root.check_keys({"key", "version", "name", "occasion", "title", "chapters", "cover"})
    chapters = root.req("chapters")
    cover_node = root.get("cover")
    cover: list[str] = []
    for item in cover_node.list() if cover_node else []:
        cover.append(item.choice(set(COVER_FIELDS)))
    spec = TemplateSpec(
        key=root.req("key").text(),
        version=root.req("version").integer(minimum=1),
        name=root.req("name").text(),
        occasion=root.req("occasion").choice(OCCASION_KINDS),
        title=root.req("title").text(),
        chapters=tuple(_chapter(n, schemas) for n in chapters.list()),
        cover=tuple(cover),
    )
    if not spec.chapters:
        raise chapters.error("a document needs at least one chapter")
    return spec


def _chapter(node: Node, schemas: dict[str, BlockSchema]) -> ChapterSpec:
    node.check_keys({"title", "content", "sections", "optional", "public"})
    content = node.get("content")
    sections = node.get("sections")
    title = node.get("title")
    return ChapterSpec(
        title=title.text() if title else "",
        content=tuple(_block(b, schemas) for b in content.list()) if content else (),
        sections=tuple(_section(s, schemas) for s in sections.list()) if sections else (),
        optional=optional.boolean() if (optional := node.get("optional")) else False,
        public=public.boolean() if (public := node.get("public")) else True,
    )


def _section(node: Node, schemas: dict[str, BlockSchema]) -> SectionSpec:
    node.check_keys({"title", "content", "public"})
    title = node.get("title")
    content = node.req("content")
    return SectionSpec(
        title=title.text() if title else "",
        content=tuple(_block(b, schemas) for b in content.list()),
        public=public.boolean() if (public := node.get("public")) else True,
    )


def _block(node: Node, schemas: dict[str, BlockSchema]) -> BlockSpec:
    where = f"{node.file}:{node.line}"
    known = ", ".join(sorted(schemas))
    if not isinstance(node.node, yaml.MappingNode):
        name = node.text()
        if name not in schemas:
            raise node.error(f"unknown block type {name!r} (known types: {known})")
        schema = schemas[name]
        if schema.required:
            raise node.error(f"{name} needs {', '.join(sorted(schema.required))}")
        return BlockSpec(name, {}, where)
    keys = node.keys()
    if len(keys) != 1:
        raise node.error("a block is one type with its options, e.g. `plan_text: agenda_2030`")
    name = keys[0]
    if name not in schemas:
        raise node.error(f"unknown block type {name!r} (known types: {known})")
    schema = schemas[name]
    value = node.req(name)
    options: dict[str, OptionValue] = {}
    if isinstance(value.node, yaml.MappingNode):
        if not schema.options:
            raise value.error(f"{name} takes no options")
        value.check_keys(set(schema.options))
        for option, child in value.items():
            options[option] = _option(child, schema.options[option])
    elif schema.shorthand is not None:
        options[schema.shorthand] = _option(value, schema.options[schema.shorthand])
    else:
        raise value.error(f"{name} takes options as a mapping")
    for option, allowed in schema.choices.items():
        given = options.get(option)
        items = [given] if isinstance(given, str) else given if isinstance(given, list) else []
        for item in items:
            if item not in allowed:
                raise value.error(f"{option}: {item!r} is not one of {', '.join(sorted(allowed))}")
    missing = schema.required - set(options)
    if missing:
        raise value.error(f"{name} needs {', '.join(sorted(missing))}")
    return BlockSpec(name, options, where)


def _option(node: Node, kind: OptionKind) -> OptionValue:
    if kind == "map":
        if not isinstance(node.node, yaml.MappingNode):
            raise node.error("give a mapping, e.g. `{outcome-t1: Utfall jan–april}`")
        return {key: child.text() for key, child in node.items()}
    if kind == "bool":
        return node.boolean()
    if kind == "texts":
        if isinstance(node.node, yaml.SequenceNode):
            return [item.text() for item in node.list()]
        return [node.text()]
    return node.text()


__all__ = ["BlockSchema", "BlockSpec", "PlanFileError", "TemplateSpec", "parse_template"]
