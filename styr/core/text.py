"""Cleaning text that users paste: what databases and document formats cannot hold."""

import re

# Word's manual line break (vertical tab) and the like arrive with pasted text; PostgreSQL
# refuses NUL and the document formats refuse other control characters, so line breaks become
# \n and the rest are dropped.
_BREAKS = re.compile(r"\r\n|[\r\x0b\x0c\u2028\u2029]")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f\ufffe\uffff]")


def clean_text(text: str) -> str:
    """Text safe to store and to render: line breaks as \\n, no other control characters."""
    return _CONTROL.sub("", _BREAKS.sub("\n", text)).replace("\t", " ")


_HEX_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")


def is_colour(text: str) -> bool:
    """A colour as reference data writes it: #rrggbb."""
    return bool(_HEX_COLOUR.match(text))
