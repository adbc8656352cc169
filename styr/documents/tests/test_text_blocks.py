"""Chapter texts: sub-headings, bullet lists and paragraphs, nothing else interpreted."""

import pytest

from styr.documents.text import text_blocks
from styr.documents.tree import BulletList, Heading, Paragraph


def test_it_turns_headings_lists_and_paragraphs_into_blocks() -> None:
    text = (
        "Inledning\nandra raden\n\n### Vi är Mark\n\n- Miljömässig\n- Social\n  hållbarhet\n\nSlut"
    )
    assert text_blocks(text, base_level=3) == [
        Paragraph(("Inledning", "andra raden")),
        Heading(3, "Vi är Mark"),
        BulletList(("Miljömässig", "Social hållbarhet")),
        Paragraph(("Slut",)),
    ]


def test_sub_headings_start_below_the_section_they_are_in() -> None:
    assert text_blocks("### A\n#### B", base_level=2) == [Heading(2, "A"), Heading(3, "B")]


def test_it_leaves_other_characters_alone() -> None:
    assert text_blocks("klimatlöftena* för 2024–2026 *inte fet*") == [
        Paragraph(("klimatlöftena* för 2024–2026 *inte fet*",))
    ]


def test_an_empty_text_gives_nothing() -> None:
    assert text_blocks("") == [] and text_blocks("\n \n") == []


@pytest.mark.parametrize(
    "text",
    [
        "|---|",
        "Inledning\n\n|---|",
        "| obs: kostnaden gäller helåret",
        "Ökningen var stor\n12. Det förklaras av fler elever.",
    ],
)
def test_prose_that_looks_like_markup_stays_prose(text: str) -> None:
    blocks = text_blocks(text)
    assert blocks and all(isinstance(b, Paragraph) for b in blocks)
    shown = [line for b in blocks if isinstance(b, Paragraph) for line in b.lines]
    assert shown == [line for line in text.split("\n") if line]
