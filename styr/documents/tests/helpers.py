"""Rendering the demo and reading the text back, as a user's tools would."""

import subprocess
from io import BytesIO

import docx

from styr.documents.produce import document_for
from styr.documents.render import Format, render
from styr.plans.models import Plan


def rendered(plan: Plan, template: str, format: Format, occasion: str | None = None) -> bytes:
    return render(document_for(plan, template, occasion), format)


def pdf_pages(content: bytes) -> list[str]:
    """The PDF's text by page, as pdftotext (poppler) extracts it."""
    result = subprocess.run(
        ["pdftotext", "-layout", "-enc", "UTF-8", "-", "-"],
        input=content,
        capture_output=True,
        check=True,
    )
    return result.stdout.decode("utf-8").split("\f")


def pdf_text(content: bytes) -> str:
    return "\n".join(pdf_pages(content))


def docx_text(content: bytes) -> str:
    """The Word document's paragraphs and table cells, in document order."""
    document = docx.Document(BytesIO(content))
    parts: list[str] = []
    body = document.element.body
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            parts.append("".join(t.text or "" for t in child.iter() if t.tag.endswith("}t")))
        elif tag == "tbl":
            for cell in child.iter():
                if cell.tag.endswith("}tc"):
                    parts.append("".join(t.text or "" for t in cell.iter() if t.tag.endswith("}t")))
    return "\n".join(parts)


def docx_headings(content: bytes) -> list[tuple[str, str]]:
    """(style, text) of every heading paragraph."""
    document = docx.Document(BytesIO(content))
    return [
        (p.style.name, p.text)
        for p in document.paragraphs
        if p.style is not None and p.style.name.startswith("Heading")
    ]
