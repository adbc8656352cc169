"""PDF through Typst (the `typst` wheel: no system libraries), tagged as PDF/UA-1.

The layout is `document.typ`; the document tree is handed to it as JSON, so text from the
plan is data to Typst, never markup.
"""

import json
import re
import shutil
import tempfile
from functools import cache
from pathlib import Path
from typing import Any

import typst

from styr.documents.render.data import document_data
from styr.documents.tree import Document, Figure

LAYOUT = Path(__file__).with_name("document.typ")


class RenderError(RuntimeError):
    pass


# PDF/UA refuses text no font can show, e.g. an emoji pasted into a comment when the machine
# has no emoji font. Such characters are shown as a placeholder rather than failing the document.
_MISSING_GLYPH = re.compile(r'the text `"(.+?)"` could not be displayed with font')
PLACEHOLDER = "?"
MAX_REPLACEMENTS = 20


@cache
def _compiler() -> typst.Compiler:
    # The layout names Typst's bundled fonts, so documents look the same on every machine;
    # system fonts only stand in for characters those fonts lack.
    return typst.Compiler(str(LAYOUT))


def _replace_everywhere(data: Any, missing: str) -> Any:
    if isinstance(data, str):
        return data.replace(missing, PLACEHOLDER)
    if isinstance(data, list):
        return [_replace_everywhere(item, missing) for item in data]
    if isinstance(data, dict):
        return {key: _replace_everywhere(value, missing) for key, value in data.items()}
    return data


def render_pdf(document: Document) -> bytes:
    figures = [b for b in document.blocks if isinstance(b, Figure)]
    if not figures:
        return _render(document, _compiler())
    # Typst reads images from files under its root: the layout and the document's images are
    # written to a folder of their own for this one document.
    with tempfile.TemporaryDirectory(prefix="styr-pdf-") as folder:
        root = Path(folder)
        shutil.copy(LAYOUT, root / LAYOUT.name)
        for number, figure in enumerate(figures, start=1):
            extension = "png" if figure.content_type == "image/png" else "jpg"
            (root / f"bild-{number}.{extension}").write_bytes(figure.data)
        return _render(document, typst.Compiler(str(root / LAYOUT.name), root=str(root)))


def _render(document: Document, compiler: typst.Compiler) -> bytes:
    data = document_data(document)
    for _ in range(MAX_REPLACEMENTS):
        payload = json.dumps(data, ensure_ascii=False)
        try:
            result = compiler.compile(
                format="pdf",
                sys_inputs={"document": payload},
                pdf_standards="ua-1",
                # A decided version carries the time it was frozen, so its PDF is the same file
                # whenever it is written; a live document is stamped now.
                timestamp=document.issued,
            )
        except typst.TypstError as exc:
            missing = _MISSING_GLYPH.search(str(exc))
            if missing is None:
                # The plan's text is data to the layout, never markup, so this is a bug of ours.
                raise RenderError(f"Typst could not lay out the document: {exc}") from exc
            data = _replace_everywhere(data, missing.group(1))
            continue
        assert isinstance(result, bytes)
        return result
    raise RenderError("the document holds too many characters that no font can show")
