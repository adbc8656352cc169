"""Turning the plan's chapter texts (a small Markdown subset) into document blocks.

Texts are written in plan files and the web editor with `###` sub-headings, `-` bullet lists
and blank lines between paragraphs. Nothing else is interpreted: an asterisk in "klimatlöftena*"
stays an asterisk.
"""

import re

from styr.documents.tree import Block, BulletList, Heading, Paragraph, clean_text

_HEADING = re.compile(r"^(#{1,6})\s+(.*)$")
_BULLET = re.compile(r"^\s*[-•*]\s+(.*)$")


def text_blocks(text: str, *, base_level: int = 3) -> list[Block]:
    """Blocks of a chapter text. `#`…`######` become sub-headings from `base_level` down."""
    blocks: list[Block] = []
    lines: list[str] = []
    bullets: list[str] = []
    previous = base_level - 1  # a heading may go at most one level below the one before it

    def flush() -> None:
        if lines:
            blocks.append(Paragraph(tuple(lines)))
            lines.clear()
        if bullets:
            blocks.append(BulletList(tuple(bullets)))
            bullets.clear()

    for raw in clean_text(text).split("\n"):
        line = raw.rstrip()
        if not line.strip():
            flush()
            continue
        heading = _HEADING.match(line)
        bullet = _BULLET.match(line)
        if heading:
            flush()
            wanted = max(base_level, min(6, base_level + len(heading.group(1)) - 3))
            level = min(wanted, previous + 1)
            previous = level
            blocks.append(Heading(level, heading.group(2).strip()))
        elif bullet:
            if lines:
                flush()
            bullets.append(bullet.group(1).strip())
        elif bullets and raw.startswith(("  ", "\t")):
            # An indented line continues the bullet above it.
            bullets[-1] = f"{bullets[-1]} {line.strip()}"
        else:
            if bullets:
                flush()
            lines.append(line.strip())
    flush()
    return blocks
