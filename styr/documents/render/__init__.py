"""The three renderers of a document tree, by format name."""

from collections.abc import Callable
from enum import StrEnum

from styr.documents.render.docx import render_docx
from styr.documents.render.html import render_html
from styr.documents.render.pdf import RenderError, render_pdf
from styr.documents.tree import Document


class Format(StrEnum):
    PDF = "pdf"
    DOCX = "docx"
    HTML = "html"


RENDERERS: dict[Format, Callable[[Document], bytes]] = {
    Format.PDF: render_pdf,
    Format.DOCX: render_docx,
    Format.HTML: render_html,
}
CONTENT_TYPES = {
    Format.PDF: "application/pdf",
    Format.DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    Format.HTML: "text/html; charset=utf-8",
}


def render(document: Document, format: Format) -> bytes:
    return RENDERERS[format](document)


__all__ = ["CONTENT_TYPES", "Format", "RenderError", "render"]
