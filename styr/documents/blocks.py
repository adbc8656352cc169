"""The registry of block types a document template can use.

Each type is a function that adds blocks to the document from the plan's data. Types register
themselves in the modules of `sections/`; a template naming an unknown type is refused when it
is read, not when it is rendered.
"""

from collections.abc import Callable
from dataclasses import dataclass

from styr.documents.context import DocumentContext
from styr.documents.spec import BlockSchema, BlockSpec

Builder = Callable[[DocumentContext, BlockSpec], None]
Titler = Callable[[DocumentContext, BlockSpec], str]
Checker = Callable[[BlockSpec], None]  # raises ValueError naming what is wrong


@dataclass(frozen=True)
class BlockType:
    schema: BlockSchema
    build: Builder
    title: Titler | None = None  # the section title when the template gives none
    check: Checker | None = None  # checks of options beyond their schema, when the template is read
    # The administration's own (internal control): left out of the public edition.
    internal: bool = False


REGISTRY: dict[str, BlockType] = {}


def register(
    name: str,
    schema: BlockSchema | None = None,
    *,
    title: Titler | None = None,
    check: Checker | None = None,
    internal: bool = False,
) -> Callable[[Builder], Builder]:
    def decorate(build: Builder) -> Builder:
        REGISTRY[name] = BlockType(schema or BlockSchema(), build, title, check, internal)
        return build

    return decorate


def schemas() -> dict[str, BlockSchema]:
    import styr.documents.sections  # noqa: F401  (registers every block type)

    return {name: t.schema for name, t in REGISTRY.items()}
