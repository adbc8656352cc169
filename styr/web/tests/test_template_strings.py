"""Every word a template shows is in a translation tag: a Swedish word written straight into
a template would reach an English reader untranslated (the catalogue test cannot see it)."""

import re
from pathlib import Path

TEMPLATES = Path(__file__).resolve().parents[1] / "templates"
# Names, units and syntax that read the same in every language (`bild:` is the image syntax
# of chapter texts).
SAME_IN_EVERY_LANGUAGE = {
    "Styr", "Kolada", "Excel", "Word", "PDF", "HTML", "CSV", "DOCX", "v", "px", "bild",
}  # fmt: skip
BLOCKS = re.compile(
    r"{% *(blocktranslate|comment)\b.*?{% *end\1 *%}|{#.*?#}|<script\b.*?</script>"
    r"|<style\b.*?</style>",
    re.S,
)
SHOWN_ATTRIBUTES = re.compile(r'\b(?:aria-label|title|placeholder|alt)="([^"]*)"')


def _untagged_words(source: str) -> list[str]:
    text = BLOCKS.sub(" ", source)
    text = re.sub(r"{%.*?%}|{{.*?}}", " ", text, flags=re.S)
    shown = " ".join(SHOWN_ATTRIBUTES.findall(text))
    text = re.sub(r"<[^>]*>", " ", text) + " " + shown
    text = re.sub(r"&[a-z]+;|&#\d+;", " ", text)
    words = re.findall(r"[^\W\d_]{2,}", text)
    return [w for w in words if w not in SAME_IN_EVERY_LANGUAGE]


def test_it_finds_an_untagged_word() -> None:
    assert _untagged_words('<p>{% translate "Spara" %} Avbryt</p>') == ["Avbryt"]
    assert _untagged_words('<a aria-label="Stäng" href="{{ url }}">{{ x }}</a>') == ["Stäng"]
    assert _untagged_words("{% blocktranslate %}Hej {{ name }}{% endblocktranslate %}") == []


def test_it_has_no_untagged_words_in_any_template() -> None:
    found = {
        str(path.relative_to(TEMPLATES)): words
        for path in sorted(TEMPLATES.rglob("*.html"))
        if (words := _untagged_words(path.read_text()))
    }
    assert found == {}
