"""The document tree: one renderer-independent description of a document.

Built once from the data (see `build.py`), then written as PDF, DOCX or HTML by the renderers
in `render/`. Everything here is already formatted text: numbers are Swedish strings, empty
cells are "", so the renderers make no decisions of their own about content.
"""

from dataclasses import dataclass, field, replace
from datetime import date, datetime
from enum import StrEnum

from styr.core.text import clean_text


class Align(StrEnum):
    LEFT = "left"
    RIGHT = "right"
    CENTER = "center"


class Tone(StrEnum):
    """How a status mark is coloured. The mark's text carries the meaning; colour only helps."""

    GOOD = "good"
    FAIR = "fair"
    BAD = "bad"
    NEUTRAL = "neutral"


@dataclass(frozen=True)
class Mark:
    """A status mark in a table cell: `Pågående`, `Målet nått`. Always has a text."""

    label: str
    tone: Tone = Tone.NEUTRAL
    colour: str = ""


@dataclass(frozen=True)
class Cell:
    text: str = ""
    mark: Mark | None = None
    bold: bool = False


@dataclass(frozen=True)
class Heading:
    """A heading. Levels 1 and 2 are numbered chapters and sections (1, 1.1) and appear in the
    table of contents; level 3 and below are unnumbered sub-headings within a section."""

    level: int
    text: str
    number: str = ""


@dataclass(frozen=True)
class Paragraph:
    """A paragraph; its lines are kept as line breaks, as the plan's authors wrote them."""

    lines: tuple[str, ...]


@dataclass(frozen=True)
class BulletList:
    items: tuple[str, ...]
    ordered: bool = False  # a numbered list (1. 2. 3.), as a chapter text writes it


@dataclass(frozen=True)
class Table:
    """A table whose header repeats on every page. `caption` names it for screen readers."""

    caption: str
    header: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    align: tuple[Align, ...] = ()
    widths: tuple[int, ...] = ()  # relative column widths; empty means equal
    sum_rows: frozenset[int] = frozenset()  # indexes of rows that are totals (printed bold)

    def alignment(self, column: int) -> Align:
        return self.align[column] if column < len(self.align) else Align.LEFT


@dataclass(frozen=True)
class Figure:
    """An image of a chapter text, with the alternative text that stands for it."""

    alt: str
    content_type: str  # image/png or image/jpeg
    data: bytes
    width: int  # pixels, for the aspect ratio
    height: int


Block = Heading | Paragraph | BulletList | Table | Figure


@dataclass
class Document:
    """A whole document: its title page facts and its blocks in reading order."""

    title: str
    municipality: str
    body: str
    year: int
    subtitle: str = ""
    adopted_on: date | None = None
    adopted_minute: str = ""
    # When a decided version was frozen: the files' own creation date, so the same version is
    # the same file every time it is written. None for a live document (written now).
    issued: datetime | None = None
    language: str = "sv"
    # The title page's fields the template asks for, as (label, value): Period, Status …
    cover: tuple[tuple[str, str], ...] = ()
    # The municipality's own .docx the Word file is written on (styles, letterhead); kept in a
    # decided version so the version's Word file is the same whenever it is written.
    word_base: bytes = b""
    blocks: list[Block] = field(default_factory=list)

    def add(self, *blocks: Block) -> None:
        self.blocks.extend(clean_block(b) for b in blocks)

    @property
    def running_header(self) -> str:
        return f"{self.body} · {self.title}"

    def headings(self, max_level: int = 2) -> list[Heading]:
        return [b for b in self.blocks if isinstance(b, Heading) and b.level <= max_level]


def _clean_cell(cell: Cell) -> Cell:
    if cell.mark is not None:
        return replace(
            cell,
            text=clean_text(cell.text),
            mark=replace(cell.mark, label=clean_text(cell.mark.label)),
        )
    return replace(cell, text=clean_text(cell.text))


def clean_block(block: Block) -> Block:
    if isinstance(block, Heading):
        return replace(block, text=" ".join(clean_text(block.text).split()))
    if isinstance(block, Paragraph):
        return Paragraph(tuple(x for line in block.lines for x in clean_text(line).split("\n")))
    if isinstance(block, Figure):
        return replace(block, alt=" ".join(clean_text(block.alt).split()))
    if isinstance(block, BulletList):
        return replace(block, items=tuple(" ".join(clean_text(i).split()) for i in block.items))
    return replace(
        block,
        caption=" ".join(clean_text(block.caption).split()),
        header=tuple(" ".join(clean_text(h).split()) for h in block.header),
        rows=tuple(tuple(_clean_cell(c) for c in row) for row in block.rows),
    )
