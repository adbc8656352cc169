"""The three renderers of a document tree, by format name."""

from enum import StrEnum
from importlib import import_module

from styr.documents.render.pdf import RenderError
from styr.documents.tree import Document


class Format(StrEnum):
    PDF = "pdf"
    DOCX = "docx"
    HTML = "html"


# Each format's module, imported when a document is first rendered in it: a command or worker
# that makes a PDF need not load python-docx (the admin imports this package at every start).
RENDERERS = {
    Format.PDF: ("styr.documents.render.pdf", "render_pdf"),
    Format.DOCX: ("styr.documents.render.docx", "render_docx"),
    Format.HTML: ("styr.documents.render.html", "render_html"),
}
CONTENT_TYPES = {
    Format.PDF: "application/pdf",
    Format.DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    Format.HTML: "text/html; charset=utf-8",
}


def render(document: Document, format: Format) -> bytes:
    module, function = RENDERERS[format]
    result: bytes = getattr(import_module(module), function)(document)
    return result


__all__ = ["CONTENT_TYPES", "Format", "RenderError", "render"]
