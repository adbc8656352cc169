"""Reading YAML while keeping each value's line, so errors can name file, line and field.

The YAML is composed, not constructed: every scalar is read from its source text, so numbers
stay exact decimals and nothing is guessed (YAML's `no` stays the word "no" where text is
expected).
"""

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path

import yaml
from django.utils.translation import gettext as _

try:  # libyaml's composer is several times faster; fall back to pure Python where missing
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

NULL_TAG = "tag:yaml.org,2002:null"
COMPARATORS = {"≥": "≥", ">=": "≥", "≤": "≤", "<=": "≤", "=": "=", ">": ">", "<": "<"}
# Swedish number text: optional minus (hyphen or the typographic U+2212), digits grouped by
# spaces (ordinary, no-break or thin), and a decimal comma or point.
_SPACES = re.compile(r"[ \u00a0\u202f\u2009]")
_NUMBER = re.compile(r"^[-−+]?(\d+|\d{1,3}( \d{3})+)([.,]\d+)?$")


# A quoted value in a message longer than an excerpt: a 10 MB key is not echoed back whole.
_LONG_QUOTE = re.compile(r"""(['"”])([^'"”\n]{60})[^'"”]{20,}\1""")
MESSAGE_LIMIT = 1000


def quoted(value: object) -> str:
    """A value as messages quote it: ”text”, on one line, with line breaks and other invisible
    characters written as escapes (\\n, \\x00) so the message stays readable."""
    text = "".join(
        c if c.isprintable() or unicodedata.category(c) == "Zs" else repr(c)[1:-1]
        for c in str(value)
    )
    return f"”{text}”"


def short_message(message: str) -> str:
    """The message with each long quoted value cut to an excerpt, and at most 1000 characters."""
    message = _LONG_QUOTE.sub(lambda m: f"{m[1]}{m[2]}…{m[1]}", message)
    return message if len(message) <= MESSAGE_LIMIT else message[:MESSAGE_LIMIT] + "…"


class PlanFileError(Exception):
    """A problem in a plan file, located by file, line and field path."""

    def __init__(self, file: str, line: int | None, path: str, message: str) -> None:
        message = short_message(message)
        path = path if len(path) <= 200 else path[:200] + "…"
        self.file = file
        self.line = line
        self.path = path
        self.message = message
        where = f"{file}:{line}" if line else file
        super().__init__(f"{where}: {path}: {message}" if path else f"{where}: {message}")


@dataclass(frozen=True)
class Node:
    """A YAML value with the file, line and field path it came from."""

    node: yaml.Node
    file: str
    path: str

    @property
    def line(self) -> int:
        return self.node.start_mark.line + 1

    def error(self, message: str) -> PlanFileError:
        return PlanFileError(self.file, self.line, self.path, message)

    # Structure -------------------------------------------------------------------------

    @property
    def is_null(self) -> bool:
        return isinstance(self.node, yaml.ScalarNode) and self.node.tag == NULL_TAG

    def _pairs(self) -> list[tuple[yaml.Node, yaml.Node]]:
        if not isinstance(self.node, yaml.MappingNode):
            raise self.error(
                _("här ska stå fält (nyckel: värde), inte %(found)s") % {"found": self._kind()}
            )
        return self.node.value

    def _kind(self) -> str:
        if isinstance(self.node, yaml.MappingNode):
            # Translators: what a YAML value is, after "här ska stå …, inte".
            return _("fält (nyckel: värde)")
        if isinstance(self.node, yaml.SequenceNode):
            return _("en lista")
        return _("värdet %(value)s") % {"value": quoted(self.node.value)}

    def child_path(self, key: str) -> str:
        return f"{self.path}.{key}" if self.path else key

    def _item_path(self, name: str) -> str:
        # Field names read as `values[2021].outcome`; data keys that are not words (years,
        # phrases with spaces) are bracketed so the path stays unambiguous.
        if name[:1].isalpha() and " " not in name and "." not in name:
            return self.child_path(name)
        return f"{self.path}[{name}]" if self.path else name

    def keys(self) -> list[str]:
        return [k.value for k, _value in self._pairs()]

    def get(self, key: str) -> "Node | None":
        for k, v in self._pairs():
            if k.value == key:
                child = Node(v, self.file, self.child_path(key))
                return None if child.is_null else child
        return None

    def req(self, key: str) -> "Node":
        child = self.get(key)
        if child is None:
            raise PlanFileError(
                self.file, self.line, self.child_path(key), _("saknas; fältet måste finnas med")
            )
        return child

    def check_keys(self, allowed: set[str]) -> None:
        """Refuse unknown and duplicate fields: a typo must not silently drop data."""
        seen: set[str] = set()
        for k, _value in self._pairs():
            name = str(k.value)
            here = PlanFileError(self.file, k.start_mark.line + 1, self.child_path(name), "")
            if name in seen:
                raise PlanFileError(here.file, here.line, here.path, _("står två gånger"))
            if name not in allowed:
                known = ", ".join(sorted(allowed))
                raise PlanFileError(
                    here.file,
                    here.line,
                    here.path,
                    _("okänt fält; kontrollera stavningen (kända fält: %(known)s)")
                    % {"known": known},
                )
            seen.add(name)

    def items(self) -> Iterator[tuple[str, "Node"]]:
        seen: set[str] = set()
        for k, v in self._pairs():
            name = str(k.value)
            if name in seen:
                raise PlanFileError(
                    self.file, k.start_mark.line + 1, self.child_path(name), _("står två gånger")
                )
            seen.add(name)
            yield name, Node(v, self.file, self._item_path(name))

    def list(self) -> list["Node"]:
        if not isinstance(self.node, yaml.SequenceNode):
            raise self.error(
                _("här ska stå en lista (rader som börjar med -), inte %(found)s")
                % {"found": self._kind()}
            )
        return [Node(v, self.file, f"{self.path}[{i}]") for i, v in enumerate(self.node.value)]

    # Scalars ---------------------------------------------------------------------------

    def _scalar(self) -> str:
        if not isinstance(self.node, yaml.ScalarNode):
            raise self.error(
                _("här ska stå ett enda värde, inte %(found)s") % {"found": self._kind()}
            )
        return str(self.node.value)

    def text(self) -> str:
        return self._scalar()

    def choice(self, choices: dict[str, str] | set[str]) -> str:
        raw = self._scalar().strip()
        if raw not in choices:
            raise self.error(
                _("%(value)s är inte tillåtet; skriv ett av: %(choices)s")
                % {"value": quoted(raw), "choices": ", ".join(sorted(choices))}
            )
        return raw

    def integer(self, *, minimum: int | None = None, maximum: int | None = None) -> int:
        raw = self._scalar().strip()
        if not re.fullmatch(r"[-+]?\d+", raw):
            raise self.error(_("%(value)s är inte ett heltal") % {"value": quoted(raw)})
        value = int(raw)
        if minimum is not None and value < minimum:
            raise self.error(
                _("%(value)s är för litet; minst %(minimum)s")
                % {"value": value, "minimum": minimum}
            )
        if maximum is not None and value > maximum:
            raise self.error(
                _("%(value)s är för stort; högst %(maximum)s")
                % {"value": value, "maximum": maximum}
            )
        return value

    def year(self) -> int:
        return self.integer(minimum=1900, maximum=2200)

    def decimal(self) -> Decimal:
        return parse_number(self._scalar(), self)

    def boolean(self) -> bool:
        raw = self._scalar().strip().lower()
        if raw in {"true", "yes", "ja"}:
            return True
        if raw in {"false", "no", "nej"}:
            return False
        raise self.error(
            _("%(value)s är varken ja eller nej (skriv true eller false)") % {"value": quoted(raw)}
        )

    def date(self) -> date:
        raw = self._scalar().strip()
        try:
            return date.fromisoformat(raw)
        except ValueError:
            raise self.error(
                _("%(value)s är inte ett datum (skriv det som 2024-08-31)") % {"value": quoted(raw)}
            ) from None


# Limits of the decimal columns: 24 digits with 6 decimals leaves 18 before the point.
MAX_ABS = Decimal("1e18")


def parse_number(raw: str, where: Node | None = None) -> Decimal:
    """Parse a number written the YAML way (83.6) or the Swedish way ("83,6", "−205,6")."""
    text = _SPACES.sub(" ", raw.strip())
    if not _NUMBER.match(text):
        if where is not None:
            raise where.error(
                _("%(value)s är inte ett tal (skriv t.ex. 83.6 eller 83,6)")
                % {"value": quoted(raw)}
            )
        raise ValueError(_("%(value)s är inte ett tal") % {"value": quoted(raw)})
    cleaned = text.replace(" ", "").replace(",", ".").replace("−", "-")
    try:
        value = Decimal(cleaned)
    except InvalidOperation:  # pragma: no cover - the pattern already excludes these
        raise ValueError(_("%(value)s är inte ett tal") % {"value": quoted(raw)}) from None
    if abs(value) >= MAX_ABS:
        message = _("%(value)s är ett för stort tal; högst 18 siffror före decimaltecknet") % {
            "value": quoted(raw)
        }
        if where is not None:
            raise where.error(message)
        raise ValueError(message)
    return value


def load(path: Path, *, name: str | None = None) -> Node:
    """Read a YAML file into a Node, or raise PlanFileError naming the line of a syntax error."""
    label = name or path.name
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise PlanFileError(
            label,
            None,
            "",
            _("filen är inte sparad som UTF-8 (%(reason)s); spara den som UTF-8 och försök igen")
            % {"reason": exc.reason},
        ) from None
    except OSError as exc:
        raise PlanFileError(
            label, None, "", _("kan inte läsas: %(reason)s") % {"reason": exc.strerror}
        ) from None
    return loads(text, label)


# Limits on what a YAML file may be, checked before it is read into memory as a tree: a plan
# file of a large committee is a few hundred kilobytes and a dozen levels deep.
MAX_CHARACTERS = 20_000_000
MAX_DEPTH = 40


def _check_shape(text: str, label: str) -> None:
    """Refuse a file too large, too deeply nested or using aliases, before composing it:
    composing recurses once per level (a file of 100 000 `[` would crash the process), and
    aliases let a small file stand for an enormous one."""
    if len(text) > MAX_CHARACTERS:
        raise PlanFileError(
            label,
            None,
            "",
            _("filen är %(length)s tecken; högst %(limit)s")
            % {"length": _grouped(len(text)), "limit": _grouped(MAX_CHARACTERS)},
        )
    depth = 0
    for event in yaml.parse(text, Loader=_Loader):
        # The parser marks every event it makes with where it starts.
        line = event.start_mark.line + 1 if event.start_mark is not None else 0
        if isinstance(event, yaml.MappingStartEvent | yaml.SequenceStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                raise PlanFileError(label, line, "", _too_deep())
        elif isinstance(event, yaml.MappingEndEvent | yaml.SequenceEndEvent):
            depth -= 1
        elif isinstance(event, yaml.AliasEvent):
            raise PlanFileError(
                label, line, "",
                _("alias (*namn) används inte i planfiler; skriv ut värdet där det behövs"),
            )  # fmt: skip


def _grouped(number: int) -> str:
    """A whole number with its thousands apart: 20 000 000."""
    return f"{number:,}".replace(",", " ")


def _too_deep() -> str:
    return _("mer än %(depth)s nivåer inuti varandra; en planfil behöver färre") % {
        "depth": MAX_DEPTH
    }


def loads(text: str, label: str) -> Node:
    try:
        _check_shape(text, label)
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        problem = exc.problem or _("okänt fel")
        if "maximum nesting depth" in problem:
            # PyYAML's own limit, met while it reads ahead in a flow collection ([[[…]]]).
            raise PlanFileError(label, line, "", _too_deep()) from None
        raise PlanFileError(
            label, line, "",
            _("inte giltig YAML (%(problem)s); kontrollera indrag, kolon och citattecken på "
              "raden") % {"problem": problem},
        ) from None  # fmt: skip
    except yaml.YAMLError as exc:
        raise PlanFileError(
            label, None, "", _("inte giltig YAML (%(problem)s)") % {"problem": exc}
        ) from None
    if root is None:
        raise PlanFileError(label, 1, "", _("filen är tom"))
    node = Node(root, label, "")
    if not isinstance(root, yaml.MappingNode):
        raise node.error(_("en planfil består av fält med nyckel och värde (format:, body:, …)"))
    return node
