"""The document tree as plain data (JSON-ready), for the PDF layout."""

from typing import Any

from styr.documents.spec import COVER_FIELDS
from styr.documents.tree import (
    BulletList,
    Cell,
    Document,
    Figure,
    Heading,
    Mark,
    Paragraph,
    Table,
    Tone,
)

TONE_FILLS = {
    Tone.GOOD: "#e3f1e4",
    Tone.FAIR: "#fdf3d6",
    Tone.BAD: "#f9e0df",
    Tone.NEUTRAL: "#ececec",
}


def _lighten(colour: str) -> str:
    """A scale option's own colour as a light fill, so black text on it stays readable."""
    red, green, blue = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return "#" + "".join(f"{round(c + (255 - c) * 0.78):02x}" for c in (red, green, blue))


def mark_fill(mark: Mark) -> str:
    """The fill of a status mark: its tone's, or for a municipality's own option its colour."""
    if mark.tone == Tone.NEUTRAL and len(mark.colour) == 7 and mark.colour.startswith("#"):
        try:
            return _lighten(mark.colour)
        except ValueError:
            pass
    return TONE_FILLS[mark.tone]


def adoption_text(document: Document) -> str:
    """`Fastställd 2023-11-22, § 123` on the title page, when the plan is adopted."""
    if document.adopted_on is None:
        return ""
    if any(label == COVER_FIELDS["decision"] for label, _ in document.cover):
        return ""  # the cover's own Beslut field says it
    minute = f", {document.adopted_minute}" if document.adopted_minute else ""
    return f"Fastställd {document.adopted_on.isoformat()}{minute}"


def _cell(cell: Cell) -> dict[str, Any]:
    mark = None
    if cell.mark is not None:
        mark = {"label": cell.mark.label, "fill": mark_fill(cell.mark)}
    return {"text": cell.text, "mark": mark, "bold": cell.bold}


def document_data(document: Document) -> dict[str, Any]:
    blocks: list[dict[str, Any]] = []
    for block in document.blocks:
        if isinstance(block, Heading):
            blocks.append(
                {
                    "type": "heading",
                    "level": block.level,
                    "text": block.text,
                    "number": block.number,
                }
            )
        elif isinstance(block, Paragraph):
            blocks.append({"type": "paragraph", "lines": list(block.lines)})
        elif isinstance(block, BulletList):
            blocks.append({"type": "list", "items": list(block.items), "ordered": block.ordered})
        elif isinstance(block, Figure):
            # The PDF renderer writes the image beside the layout and names the file here.
            number = sum(1 for b in blocks if b["type"] == "figure") + 1
            extension = "png" if block.content_type == "image/png" else "jpg"
            blocks.append(
                {"type": "figure", "alt": block.alt, "path": f"bild-{number}.{extension}",
                 "wide": block.width >= 600}
            )  # fmt: skip
        elif isinstance(block, Table):
            blocks.append(
                {
                    "type": "table",
                    "caption": block.caption,
                    "header": list(block.header),
                    "rows": [[_cell(c) for c in row] for row in block.rows],
                    "align": [a.value for a in block.align],
                    "widths": list(block.widths),
                    "sum_rows": sorted(block.sum_rows),
                }
            )
    return {
        "title": document.title,
        "subtitle": document.subtitle,
        "municipality": document.municipality,
        "running_header": document.running_header,
        "adopted": adoption_text(document),
        "cover": [{"label": label, "value": value} for label, value in document.cover],
        "blocks": blocks,
    }
