"""Stable keys (slugs) derived from a text, the same for plan files and the web editor."""

import re
import unicodedata
from collections.abc import Callable

MAX_KEY = 50


def slugify(text: str) -> str:
    """A lowercase ASCII slug of a text's first words: "Bästa barnkommun" → basta-barnkommun."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_text.lower())
    slug = ""
    for word in words:
        candidate = f"{slug}-{word}" if slug else word
        if len(candidate) > MAX_KEY:
            break
        slug = candidate
    return slug or "x"


def unique_key(text: str, taken: Callable[[str], bool]) -> str:
    """The text's slug, numbered (-2, -3, …) past the keys `taken` says are in use."""
    base = slugify(text)
    key, n = base, 2
    while taken(key):
        key, n = f"{base}-{n}", n + 1
    return key
