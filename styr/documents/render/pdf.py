"""PDF through Typst (the `typst` wheel: no system libraries), tagged as PDF/UA-1.

The layout is `document.typ`; the document tree is handed to it as JSON, so text from the
plan is data to Typst, never markup.
"""

import json
from functools import cache
from pathlib import Path

import typst

from styr.documents.render.data import document_data
from styr.documents.tree import Document

LAYOUT = Path(__file__).with_name("document.typ")


class RenderError(RuntimeError):
    pass


@cache
def _compiler() -> typst.Compiler:
    # Only the fonts bundled with Typst: the same document comes out the same on every machine.
    return typst.Compiler(str(LAYOUT), ignore_system_fonts=True)


def render_pdf(document: Document) -> bytes:
    payload = json.dumps(document_data(document), ensure_ascii=False)
    try:
        result = _compiler().compile(
            format="pdf", sys_inputs={"document": payload}, pdf_standards="ua-1"
        )
    except typst.TypstError as exc:  # a layout bug, not bad data: data never reaches markup
        raise RenderError(f"Typst could not lay out the document: {exc}") from exc
    assert isinstance(result, bytes)
    return result
