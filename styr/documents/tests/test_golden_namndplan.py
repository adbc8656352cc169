"""The demo's Nämndplan, rendered, holds the sample plan's words and numbers in chapter order."""

import re

import pytest

from styr.documents.render import Format
from styr.documents.tests.helpers import docx_headings, docx_text, pdf_pages, rendered
from styr.plans.models import Plan
from styr.testing.sample import (
    number_coverage,
    numbers,
    sample_headings,
    sample_text,
    word_coverage,
    words,
)

pytestmark = pytest.mark.django_db


def _comparable(text: str) -> str:
    # Documents print the typographic minus (−205,6); the sample's extraction has a hyphen.
    return text.replace("\u2212", "-")


def _body_pages(content: bytes) -> str:
    """The PDF's text after its title page and table of contents."""
    pages = pdf_pages(content)
    return "\n".join(p for p in pages[1:] if "Innehåll" not in p)


def _assert_holds_the_sample(text: str) -> None:
    sample = sample_text()
    assert word_coverage(words(sample), words(text)) >= 0.97
    coverage, missing = number_coverage(sample, numbers(text))
    assert coverage >= 0.98, missing


def _heading_key(number: str, title: str) -> str:
    return f"{number} " + " ".join(title.split()[:3])


def test_the_pdf_holds_the_samples_words_and_numbers(ks_plan: Plan) -> None:
    _assert_holds_the_sample(_comparable(_body_pages(rendered(ks_plan, "namndplan", Format.PDF))))


def test_the_docx_holds_the_samples_words_and_numbers(ks_plan: Plan) -> None:
    _assert_holds_the_sample(_comparable(docx_text(rendered(ks_plan, "namndplan", Format.DOCX))))


def test_the_html_holds_the_samples_words_and_numbers(ks_plan: Plan) -> None:
    page = rendered(ks_plan, "namndplan", Format.HTML).decode("utf-8")
    text = re.sub(r"<[^>]+>", " ", page).replace("&nbsp;", " ")
    _assert_holds_the_sample(_comparable(text))


def test_the_pdf_has_the_samples_chapters_in_order(ks_plan: Plan) -> None:
    body = " ".join(_body_pages(rendered(ks_plan, "namndplan", Format.PDF)).split())
    at = 0
    for number, title in sample_headings():
        key = _heading_key(number, title)
        found = body.find(key, at)
        assert found >= 0, f"{key!r} is missing or out of order"
        at = found + len(key)


def test_the_docx_has_the_samples_chapters_as_word_headings(ks_plan: Plan) -> None:
    headings = docx_headings(rendered(ks_plan, "namndplan", Format.DOCX))
    numbered = [(style, text) for style, text in headings if re.match(r"\d", text)]
    expected = [_heading_key(n, t) for n, t in sample_headings()]
    assert [_heading_key(*t.split(" ", 1)) for _, t in numbered] == expected
    levels = {style for style, text in numbered if re.match(r"\d+ ", text)}
    assert levels == {"Heading 1"}


def test_the_pdf_shows_the_samples_indicator_row(ks_plan: Plan) -> None:
    body = _body_pages(rendered(ks_plan, "namndplan", Format.PDF))
    row = next(line for line in body.splitlines() if "Befolkning" in line)
    assert re.search(r"35 201\s+35 347\s+35 508", row), row
    budget = next(line for line in body.splitlines() if line.strip().startswith("Nettokostnader"))
    assert re.search(r"−188,9\s+−195,0\s+−205,6\s+−207,0", budget), budget
