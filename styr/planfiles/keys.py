"""Deriving stable keys (slugs) for objects a plan file gives no key."""

import re
import unicodedata

from styr.planfiles.nodes import Node

KEY_PATTERN = re.compile(r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$")
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


class KeyRegistry:
    """Hands out keys that are unique within one list of a plan."""

    def __init__(self, what: str) -> None:
        self.what = what
        self.used: dict[str, Node] = {}

    def take(self, item: Node, source_text: str) -> str:
        given = item.get("key")
        if given is not None:
            key = given.text().strip()
            if not KEY_PATTERN.match(key) or len(key) > 64:
                raise given.error(
                    f"{key!r} is not a valid key (lowercase letters a-z, digits, - and _)"
                )
            if key in self.used:
                first = self.used[key]
                raise given.error(
                    f"key {key!r} is used twice in {self.what} (also line {first.line})"
                )
        else:
            base = slugify(source_text)
            key, n = base, 2
            while key in self.used:
                key, n = f"{base}-{n}", n + 1
        self.used[key] = item
        return key
