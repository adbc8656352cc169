"""Word (DOCX) through python-docx: real headings, styles and tables that officials can edit.

Headings use Word's built-in Heading styles (so Word's navigation pane and table of contents
work), tables repeat their header row on each page, and the document's language is sv-SE.
"""

import zipfile
from datetime import UTC, datetime
from io import BytesIO

from docx import Document as new_docx
from docx.document import Document as DocxDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.table import _Cell, _Row
from docx.text.paragraph import Paragraph as DocxParagraph

from styr.documents.render.data import adoption_text, mark_fill
from styr.documents.tree import (
    Align,
    BulletList,
    Cell,
    Document,
    Figure,
    Heading,
    Paragraph,
    Table,
)

ALIGN = {
    Align.LEFT: WD_ALIGN_PARAGRAPH.LEFT,
    Align.RIGHT: WD_ALIGN_PARAGRAPH.RIGHT,
    Align.CENTER: WD_ALIGN_PARAGRAPH.CENTER,
}


def _language(docx: DocxDocument) -> None:
    """Mark every style's text as Swedish, for spelling and screen readers."""
    defaults = docx.styles.element.find(qn("w:docDefaults"))
    if defaults is None:
        return
    rpr = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}")
    if rpr is None:
        return
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), "sv-SE")


def _field(paragraph: DocxParagraph, instruction: str, placeholder: str = "") -> None:
    """A Word field (page number, table of contents) that Word computes when it opens."""
    run = paragraph.add_run()
    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    begin.set(qn("w:dirty"), "true")
    text = OxmlElement("w:instrText")
    text.set(qn("xml:space"), "preserve")
    text.text = instruction
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    shown = OxmlElement("w:t")
    shown.text = placeholder
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    for element in (begin, text, separate, shown, end):
        run._r.append(element)


def _leave_out_of_contents(paragraph: DocxParagraph) -> None:
    """An unnumbered sub-heading keeps its look but is body text to the table of contents."""
    properties = paragraph._p.get_or_add_pPr()
    level = OxmlElement("w:outlineLvl")
    level.set(qn("w:val"), "9")
    properties.append(level)


def _repeat_header(row: _Row) -> None:
    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


def _shade(cell: _Cell, fill: str) -> None:
    properties = cell._tc.get_or_add_tcPr()
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    properties.append(shading)


def _write_cell(target: _Cell, cell: Cell, align: Align, bold: bool) -> None:
    paragraph = target.paragraphs[0]
    paragraph.alignment = ALIGN[align]
    if cell.mark is not None:
        run = paragraph.add_run(cell.mark.label)
        run.bold = bold or cell.bold
        _shade(target, mark_fill(cell.mark).lstrip("#"))
        return
    for index, line in enumerate(cell.text.split("\n")):
        if index:
            paragraph.add_run().add_break()
        run = paragraph.add_run(line)
        run.bold = bold or cell.bold


def _figure(docx: DocxDocument, figure: Figure) -> None:
    # At most the text width; a small image at its own size (96 pixels to the inch).
    width = Cm(min(16.0, figure.width / 96 * 2.54))
    docx.add_picture(BytesIO(figure.data), width=width)
    inline = docx.inline_shapes[-1]._inline
    inline.docPr.set("descr", figure.alt)  # the alternative text Word reads out
    inline.docPr.set("title", figure.alt)


def _table(docx: DocxDocument, table: Table) -> None:
    columns = len(table.header)
    word = docx.add_table(rows=1, cols=columns)
    word.style = "Table Grid"
    word.alignment = WD_TABLE_ALIGNMENT.LEFT
    # The caption is the table's title for screen readers (Word's alt-text description).
    properties = word._tbl.tblPr
    caption = OxmlElement("w:tblCaption")
    caption.set(qn("w:val"), table.caption[:250])
    properties.append(caption)
    header = word.rows[0]
    _repeat_header(header)
    for i, text in enumerate(table.header):
        _write_cell(header.cells[i], Cell(text), table.alignment(i), bold=True)
    for index, row in enumerate(table.rows):
        cells = word.add_row().cells
        for i, cell in enumerate(row[:columns]):
            _write_cell(cells[i], cell, table.alignment(i), bold=index in table.sum_rows)
    if len(table.widths) == columns:
        # The page's text width (A4 with Word's default margins) shared as the tree asks.
        total = sum(table.widths)
        for i, column in enumerate(word.columns):
            width = Cm(16.0 * table.widths[i] / total)
            for cell in column.cells:
                cell.width = width
    docx.add_paragraph()


def _title_page(docx: DocxDocument, document: Document) -> None:
    docx.add_paragraph(document.municipality)
    docx.add_paragraph(document.title, style="Title")
    docx.add_paragraph(document.subtitle, style="Subtitle")
    for label, value in document.cover:
        paragraph = docx.add_paragraph()
        paragraph.add_run(f"{label}: ").bold = True
        paragraph.add_run(value)
    adopted = adoption_text(document)
    if adopted:
        docx.add_paragraph(adopted)
    docx.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    docx.add_paragraph("Innehåll", style="TOC Heading" if "TOC Heading" in docx.styles else None)
    _field(
        docx.add_paragraph(),
        'TOC \\o "1-2" \\h \\z \\u',
        "Innehållsförteckningen uppdateras när dokumentet öppnas i Word (F9).",
    )


def _running_header(docx: DocxDocument, document: Document) -> None:
    section = docx.sections[0]
    section.different_first_page_header_footer = True
    header = section.header.paragraphs[0]
    header.text = f"{document.running_header}\t\t{document.municipality}"
    for run in header.runs:
        run.font.size = Pt(8)
        run.font.color.rgb = RGBColor(0x50, 0x50, 0x50)
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _field(footer, "PAGE", "1")


REQUIRED_STYLES = ("Title", "Subtitle", "Heading 1", "Heading 2", "Heading 3", "List Bullet")


def open_base(content: bytes) -> DocxDocument:
    """A municipality's .docx, emptied of its body text but with its styles, page setup,
    headers and footers (the letterhead). Raises ValueError naming what is wrong."""
    try:
        docx = new_docx(BytesIO(content))
    except Exception as exc:  # python-docx raises several kinds for a file that is not a .docx
        raise ValueError(f"filen är inte ett Word-dokument (.docx): {type(exc).__name__}") from None
    names = {style.name for style in docx.styles}
    missing = [name for name in REQUIRED_STYLES if name not in names]
    if missing:
        raise ValueError(
            "Word-mallen saknar formaten " + ", ".join(missing) + "; lägg till dem i Word "
            "(eller utgå från Styrs egen Word-fil) och ladda upp den igen"
        )
    body = docx.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):  # keep the page setup and its headers and footers
            body.remove(child)
    return docx


def render_docx(document: Document) -> bytes:
    docx = open_base(document.word_base) if document.word_base else new_docx()
    _language(docx)
    docx.core_properties.title = document.title
    docx.core_properties.author = document.municipality
    docx.core_properties.subject = document.body
    docx.core_properties.language = "sv-SE"
    issued = document.issued or datetime.now(UTC)
    docx.core_properties.created = issued
    docx.core_properties.modified = issued
    if not document.word_base:
        docx.styles["Normal"].font.size = Pt(10)  # the municipality's own base keeps its sizes
    _title_page(docx, document)
    if not document.word_base:
        _running_header(docx, document)  # a base has its own letterhead
    first_chapter = True
    for block in document.blocks:
        if isinstance(block, Heading):
            text = f"{block.number} {block.text}" if block.number else block.text
            heading = docx.add_heading(text, level=min(block.level, 9))
            if block.level == 1:
                # A page break, not a new section: every page keeps the running header.
                heading.paragraph_format.page_break_before = not first_chapter
                first_chapter = False
            if not block.number:
                _leave_out_of_contents(heading)
        elif isinstance(block, Paragraph):
            paragraph = docx.add_paragraph()
            for index, line in enumerate(block.lines):
                if index:
                    paragraph.add_run().add_break()
                paragraph.add_run(line)
        elif isinstance(block, BulletList) and block.ordered:
            # The number is written out: Word's own numbering runs on from one list to the next.
            for number, item in enumerate(block.items, start=1):
                paragraph = docx.add_paragraph(f"{number}.\t{item}")
                paragraph.paragraph_format.left_indent = Cm(0.75)
                paragraph.paragraph_format.first_line_indent = Cm(-0.75)
        elif isinstance(block, BulletList):
            for item in block.items:
                docx.add_paragraph(item, style="List Bullet")
        elif isinstance(block, Table):
            _table(docx, block)
        elif isinstance(block, Figure):
            _figure(docx, block)
    out = BytesIO()
    docx.save(out)
    return _stamped(out.getvalue(), issued)


def _stamped(package: bytes, issued: datetime) -> bytes:
    """The package with every part dated `issued`: python-docx dates the zip entries with the
    time of writing, which would make two writes of one decided version differ."""
    when = issued.astimezone(UTC).timetuple()[:6]
    out = BytesIO()
    with (
        zipfile.ZipFile(BytesIO(package)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=max(when, (1980, 1, 1, 0, 0, 0)))
            entry.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(entry, source.read(info.filename))
    return out.getvalue()
