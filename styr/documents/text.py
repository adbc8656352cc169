"""Turning the plan's chapter texts (a small Markdown subset) into document blocks.

Texts are written in plan files and the web editor with `###` sub-headings, `-` bullet lists,
`1.` numbered lists, `| a | b |` tables (the first row the header, a `| --- |` row under it)
and blank lines between paragraphs. Nothing else is interpreted: an asterisk in
"klimatlöftena*" stays an asterisk.
"""

import re
from collections.abc import Mapping

from styr.documents.tree import (
    Align,
    Block,
    BulletList,
    Cell,
    Figure,
    Heading,
    Paragraph,
    Table,
    clean_text,
)

_HEADING = re.compile(r"^(#{1,6})\s+(.*)$")
_BULLET = re.compile(r"^\s*[-•*]\s+(.*)$")
_NUMBERED = re.compile(r"^\s*\d{1,3}[.)]\s+(.*)$")
_FIRST = re.compile(r"^\s*1[.)]\s+")  # a numbered list begins at 1; "12. …" in prose stays
_RULE = re.compile(r"^\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?$")
_NUMBER = re.compile(r"^[−\-+]?[\d  ]+(,\d+)?\s*(%|kr|tkr|mnkr)?$")


def _cells(line: str) -> list[str]:
    return [c.strip() for c in line.strip().strip("|").split("|")]


def _is_table(rows: list[str]) -> bool:
    """Lines are a table only when a row of dashes follows the first, as Markdown writes one;
    prose that happens to begin with "|" stays prose."""
    return len(rows) > 2 and bool(_RULE.match(rows[1].strip())) and not _RULE.match(rows[0])


def _table(rows: list[str], number: int) -> Table:
    """A table written in the text: the first row its header, a row of dashes under it."""
    parsed = [_cells(r) for r in rows if not _RULE.match(r.strip())]
    has_header = True
    width = max(len(r) for r in parsed)
    parsed = [r + [""] * (width - len(r)) for r in parsed]
    header, body = (parsed[0], parsed[1:]) if has_header else ([""] * width, parsed)
    numeric = [
        bool(body) and all(_NUMBER.match(r[i]) or not r[i] for r in body) for i in range(width)
    ]
    return Table(
        caption=f"Tabell {number} i texten",
        header=tuple(header),
        rows=tuple(tuple(Cell(c) for c in r) for r in body),
        align=tuple(Align.RIGHT if n else Align.LEFT for n in numeric),
    )


_IMAGE = re.compile(r"^\s*!\[([^\]]*)\]\(bild:([a-z0-9_-]+)\)\s*$")


def text_blocks(
    text: str, *, base_level: int = 3, images: Mapping[str, Figure] | None = None
) -> list[Block]:
    """Blocks of a chapter text. `#`…`######` become sub-headings from `base_level` down;
    `![…](bild:KEY)` on a line of its own is the plan's image KEY (a key the plan does not have
    stays as written, so nothing disappears)."""
    blocks: list[Block] = []
    lines: list[str] = []
    items: list[str] = []
    ordered = False
    table: list[str] = []
    previous = base_level - 1  # a heading may go at most one level below the one before it

    def flush() -> None:
        if lines:
            blocks.append(Paragraph(tuple(lines)))
            lines.clear()
        if items:
            blocks.append(BulletList(tuple(items), ordered=ordered))
            items.clear()
        if table:
            if _is_table(table):
                blocks.append(_table(table, sum(isinstance(b, Table) for b in blocks) + 1))
            else:
                blocks.append(Paragraph(tuple(line.strip() for line in table)))
            table.clear()

    for raw in clean_text(text).split("\n"):
        line = raw.rstrip()
        if not line.strip():
            flush()
            continue
        image = _IMAGE.match(line)
        if image and images is not None and image.group(2) in images:
            flush()
            blocks.append(images[image.group(2)])
            continue
        heading = _HEADING.match(line)
        bullet = _BULLET.match(line)
        numbered = _NUMBERED.match(line)
        if line.lstrip().startswith("|"):
            if not table:
                flush()
            table.append(line)
        elif heading:
            flush()
            wanted = max(base_level, min(6, base_level + len(heading.group(1)) - 3))
            level = min(wanted, previous + 1)
            previous = level
            blocks.append(Heading(level, heading.group(2).strip()))
        elif bullet or (numbered and ((items and ordered) or _FIRST.match(line))):
            kind = numbered is not None and not bullet
            if lines or table or (items and kind != ordered):
                flush()
            ordered = kind
            items.append((numbered or bullet).group(1).strip())  # type: ignore[union-attr]
        elif items and raw.startswith(("  ", "\t")):
            # An indented line continues the item above it.
            items[-1] = f"{items[-1]} {line.strip()}"
        else:
            if items or table:
                flush()
            lines.append(line.strip())
    flush()
    return blocks
