"""Each format is what its readers need: tagged PDF, editable Word, accessible HTML."""

import re
import subprocess
from io import BytesIO

import docx
import pytest
from docx.oxml.ns import qn

from styr.documents.render import Format, render
from styr.documents.tests.helpers import pdf_pages, rendered
from styr.documents.tree import Align, Cell, Document, Heading, Mark, Table, Tone
from styr.plans.models import Plan

pytestmark = pytest.mark.django_db


def _long_table() -> Document:
    document = Document(
        title="Lång tabell", municipality="Testkommun", body="Testnämnden", year=2024
    )
    document.add(
        Heading(1, "Tabeller", "1"),
        Table(
            caption="Rader",
            header=("Rad", "Värde", "Status"),
            rows=tuple(
                (Cell(f"Rad {i}"), Cell(f"{i},5"), Cell(mark=Mark("Pågående", Tone.FAIR)))
                for i in range(300)
            ),
            align=(Align.LEFT, Align.RIGHT, Align.LEFT),
        ),
    )
    return document


def test_the_pdf_is_tagged_with_title_and_swedish_language(ks_plan: Plan) -> None:
    content = rendered(ks_plan, "namndplan", Format.PDF)
    info = subprocess.run(["pdfinfo", "-"], input=content, capture_output=True, check=False)
    facts = info.stdout.decode()
    assert re.search(r"Tagged:\s+yes", facts)
    assert re.search(r"Title:\s+Nämndplan 2024", facts)
    assert b"/Lang(sv-SE)" in content


def test_the_pdf_has_title_page_contents_page_numbers_and_running_header(ks_plan: Plan) -> None:
    pages = pdf_pages(rendered(ks_plan, "namndplan", Format.PDF))
    assert (
        "Marks kommun" in pages[0]
        and "Nämndplan 2024" in pages[0]
        and "Kommunstyrelsen" in pages[0]
    )
    assert "Innehåll" in pages[1] and "11.3 Plan för 2024 och 2025" in pages[1]
    body = [p for p in pages if p.strip()][3:]
    for number, page in enumerate(body[:5], start=4):
        assert "Kommunstyrelsen · Nämndplan 2024" in page
        assert page.rstrip().endswith(str(number)), page[-200:]


def test_a_pdf_table_repeats_its_header_on_every_page() -> None:
    pages = [p for p in pdf_pages(render(_long_table(), Format.PDF)) if "Rad " in p]
    assert len(pages) >= 3
    for page in pages:
        assert re.search(r"Rad\s+Värde\s+Status", page)


def test_the_word_document_has_headings_styles_and_repeating_table_headers(ks_plan: Plan) -> None:
    document = docx.Document(BytesIO(rendered(ks_plan, "namndplan", Format.DOCX)))
    assert document.core_properties.title == "Nämndplan 2024"
    assert document.core_properties.language == "sv-SE"
    styles = {p.style.name for p in document.paragraphs if p.style is not None}
    assert {"Title", "Heading 1", "Heading 2", "List Bullet"} <= styles
    first_rows = [t.rows[0]._tr for t in document.tables]
    assert first_rows and all(
        r.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None for r in first_rows
    )
    assert "TOC" in document.element.xml and "PAGE" in document.sections[0].footer._element.xml


def test_the_html_is_a_swedish_page_with_accessible_tables(ks_plan: Plan) -> None:
    page = rendered(ks_plan, "namndplan", Format.HTML).decode("utf-8")
    assert page.startswith('<!DOCTYPE html>\n<html lang="sv">')
    assert "<title>Nämndplan 2024 – Kommunstyrelsen</title>" in page
    assert page.count("<table>") == page.count("<caption>") > 10
    assert '<th scope="col"' in page and '<th scope="row"' in page
    # Chapter headings follow the page title: h1, then h2 for chapters, h3 for sections.
    assert '<h2 id="kap-4">4 Nämndens mål</h2>' in page
    assert '<h3 id="kap-1-1">1.1 Marks kommuns vision</h3>' in page
    assert '<a href="#kap-11-3">11.3 Plan för 2024 och 2025</a>' in page


def test_status_marks_carry_text_not_only_colour(ks_plan: Plan) -> None:
    page = rendered(ks_plan, "namndplan", Format.HTML).decode("utf-8")
    assert re.search(r'<span class="mark mark--fair"[^>]*>Pågående</span>', page)
    assert re.search(r'<span class="mark mark--neutral"[^>]*>Ej påbörjat</span>', page)


def test_text_from_the_plan_is_never_markup(ks_plan: Plan) -> None:
    ks_plan.texts.filter(key="agenda_2030").update(
        text='<script>alert(1)</script> #set page(width: 1cm) $x$ "citat" \\'
    )
    html = rendered(ks_plan, "namndplan", Format.HTML).decode("utf-8")
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;" in html
    pdf = "\n".join(pdf_pages(rendered(ks_plan, "namndplan", Format.PDF)))
    assert '#set page(width: 1cm) $x$ "citat"' in pdf
