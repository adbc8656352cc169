"""The document tree as JSON, so a decided document can be stored and read back unchanged.

`load(dump(document)) == document` for every tree; a stored tree names its format so a later
change of the tree can read the versions already decided.
"""

import base64
from datetime import date, datetime
from typing import Any

from styr.documents.tree import (
    Align,
    Block,
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

FORMAT = "styr/document-tree/1"


def _cell(cell: Cell) -> dict[str, Any]:
    data: dict[str, Any] = {"text": cell.text}
    if cell.bold:
        data["bold"] = True
    if cell.mark is not None:
        data["mark"] = {
            "label": cell.mark.label,
            "tone": cell.mark.tone.value,
            "colour": cell.mark.colour,
        }
    return data


def _block(block: Block) -> dict[str, Any]:
    if isinstance(block, Heading):
        return {"type": "heading", "level": block.level, "text": block.text, "number": block.number}
    if isinstance(block, Paragraph):
        return {"type": "paragraph", "lines": list(block.lines)}
    if isinstance(block, Figure):
        return {
            "type": "figure", "alt": block.alt, "content_type": block.content_type,
            "data": base64.b64encode(block.data).decode("ascii"),
            "width": block.width, "height": block.height,
        }  # fmt: skip
    if isinstance(block, BulletList):
        data: dict[str, Any] = {"type": "list", "items": list(block.items)}
        if block.ordered:
            data["ordered"] = True
        return data
    return {
        "type": "table",
        "caption": block.caption,
        "header": list(block.header),
        "rows": [[_cell(c) for c in row] for row in block.rows],
        "align": [a.value for a in block.align],
        "widths": list(block.widths),
        "sum_rows": sorted(block.sum_rows),
    }


def dump(document: Document) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "title": document.title,
        "municipality": document.municipality,
        "body": document.body,
        "year": document.year,
        "subtitle": document.subtitle,
        "adopted_on": document.adopted_on.isoformat() if document.adopted_on else None,
        "adopted_minute": document.adopted_minute,
        "issued": document.issued.isoformat() if document.issued else None,
        "language": document.language,
        "cover": [list(pair) for pair in document.cover],
        "word_base": base64.b64encode(document.word_base).decode("ascii"),
        "blocks": [_block(b) for b in document.blocks],
    }


def _load_cell(data: dict[str, Any]) -> Cell:
    mark = data.get("mark")
    return Cell(
        text=data["text"],
        bold=bool(data.get("bold")),
        mark=Mark(mark["label"], Tone(mark["tone"]), mark.get("colour", "")) if mark else None,
    )


def _load_block(data: dict[str, Any]) -> Block:
    kind = data["type"]
    if kind == "heading":
        return Heading(data["level"], data["text"], data.get("number", ""))
    if kind == "paragraph":
        return Paragraph(tuple(data["lines"]))
    if kind == "figure":
        return Figure(
            data["alt"], data["content_type"], base64.b64decode(data["data"]),
            data["width"], data["height"],
        )  # fmt: skip
    if kind == "list":
        return BulletList(tuple(data["items"]), ordered=bool(data.get("ordered")))
    if kind == "table":
        return Table(
            caption=data["caption"],
            header=tuple(data["header"]),
            rows=tuple(tuple(_load_cell(c) for c in row) for row in data["rows"]),
            align=tuple(Align(a) for a in data.get("align", ())),
            widths=tuple(data.get("widths", ())),
            sum_rows=frozenset(data.get("sum_rows", ())),
        )
    raise ValueError(f"unknown block type {kind!r} in a stored document")


def load(data: dict[str, Any]) -> Document:
    if data.get("format") != FORMAT:
        raise ValueError(f"a stored document of format {data.get('format')!r}, not {FORMAT}")
    return Document(
        title=data["title"],
        municipality=data["municipality"],
        body=data["body"],
        year=data["year"],
        subtitle=data.get("subtitle", ""),
        adopted_on=date.fromisoformat(data["adopted_on"]) if data.get("adopted_on") else None,
        adopted_minute=data.get("adopted_minute", ""),
        issued=datetime.fromisoformat(data["issued"]) if data.get("issued") else None,
        language=data.get("language", "sv"),
        cover=tuple((label, value) for label, value in data.get("cover", ())),
        word_base=base64.b64decode(data.get("word_base", "")),
        # Stored blocks were cleaned when the document was built: they are kept as they are.
        blocks=[_load_block(b) for b in data["blocks"]],
    )
