"""What changed between two versions of a document, as a reader compares them: line by line
in reading order (headings, paragraphs, list items, table rows)."""

import difflib
from dataclasses import dataclass

from styr.documents.tree import BulletList, Document, Figure, Heading, Paragraph, Table

CONTEXT = 2  # unchanged lines shown around a change, so the reader sees where it sits


def document_lines(document: Document) -> list[str]:
    lines = [document.title]
    if document.adopted_on:
        lines.append(f"Fastställd {document.adopted_on.isoformat()}, {document.adopted_minute}")
    for block in document.blocks:
        if isinstance(block, Heading):
            lines.append(f"{block.number} {block.text}".strip())
        elif isinstance(block, Paragraph):
            lines.extend(line for line in block.lines if line.strip())
        elif isinstance(block, BulletList):
            lines.extend(
                f"{n}. {item}" if block.ordered else f"• {item}"
                for n, item in enumerate(block.items, start=1)
            )
        elif isinstance(block, Figure):
            lines.append(f"[Bild: {block.alt}]")
        elif isinstance(block, Table):
            lines.append(" | ".join(block.header))
            for row in block.rows:
                cells = [
                    cell.mark.label if cell.mark and not cell.text else cell.text for cell in row
                ]
                lines.append(" | ".join(cells))
    return lines


@dataclass(frozen=True)
class Line:
    kind: str  # "same", "removed" or "added"
    text: str


@dataclass(frozen=True)
class Hunk:
    """One stretch of change with a little unchanged text around it."""

    old_start: int  # line number in the older version, from 1
    new_start: int
    lines: tuple[Line, ...]


@dataclass(frozen=True)
class Comparison:
    hunks: tuple[Hunk, ...]
    removed: int
    added: int

    @property
    def same(self) -> bool:
        return not self.hunks


def compare(old: Document, new: Document) -> Comparison:
    a, b = document_lines(old), document_lines(new)
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    hunks = []
    removed = added = 0
    for group in matcher.get_grouped_opcodes(CONTEXT):
        lines: list[Line] = []
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                lines.extend(Line("same", text) for text in a[i1:i2])
                continue
            lines.extend(Line("removed", text) for text in a[i1:i2])
            lines.extend(Line("added", text) for text in b[j1:j2])
            removed += i2 - i1
            added += j2 - j1
        hunks.append(Hunk(group[0][1] + 1, group[0][3] + 1, tuple(lines)))
    return Comparison(tuple(hunks), removed, added)
