"""Deriving stable keys (slugs) for objects a plan file gives no key."""

import re

from django.utils.translation import gettext as _

from styr.core.keys import unique_key
from styr.planfiles.nodes import Node, quoted

KEY_PATTERN = re.compile(r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$")


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
                    _(
                        "%(key)s är ingen giltig nyckel (små bokstäver a–z, siffror, - och _, "
                        "högst 64 tecken)"
                    )
                    % {"key": quoted(key)}
                )
            if key in self.used:
                first = self.used[key]
                raise given.error(
                    # Translators: %(list)s is a plan file's field, e.g. "occasions".
                    _("nyckeln %(key)s används två gånger i %(list)s (också på rad %(line)s)")
                    % {"key": quoted(key), "list": self.what, "line": first.line}
                )
        else:
            key = unique_key(source_text, lambda k: k in self.used)
        self.used[key] = item
        return key
