"""Normalising the Markdown texts of plan files so that export → import is stable."""

from django.utils.translation import gettext as _

from styr.planfiles.nodes import Node


def clean_text(raw: str) -> str:
    """Trailing spaces on lines and blank lines at either end carry no meaning; drop them."""
    lines = [line.rstrip() for line in raw.replace("\r\n", "\n").split("\n")]
    return "\n".join(lines).strip("\n")


def opt_text(item: Node, field: str) -> str:
    node = item.get(field)
    return clean_text(node.text()) if node is not None else ""


def req_text(item: Node, field: str) -> str:
    node = item.req(field)
    text = clean_text(node.text())
    if not text:
        raise node.error(_("fältet får inte vara tomt"))
    return text
