"""What the sortable tables share: each column heading is a link that sorts by it, or reverses
the order when it already sorts, and says so to screen readers (aria-sort)."""

from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass

from django.utils.functional import Promise


@dataclass(frozen=True)
class Heading:
    label: str
    url: str
    sort: str  # "ascending", "descending" or "" (the value of aria-sort)
    numeric: bool = False  # a column of numbers, set to the right


def headings(
    columns: Mapping[str, str | Promise], order: str, params: Callable[..., str],
    numeric: Collection[str] = (),
) -> list[Heading]:  # fmt: skip
    """The headings of `columns` ({parameter value: label}) for a table sorted by `order`
    (a column, with `-` in front for descending); `params(ordning=…)` is the page's query
    string with the order changed; the `numeric` columns hold numbers."""
    result = []
    for column, label in columns.items():
        if order == column:
            sort, next_order = "ascending", f"-{column}"
        elif order == f"-{column}":
            sort, next_order = "descending", column
        else:
            sort, next_order = "", column
        url = "?" + params(ordning=next_order)
        result.append(Heading(str(label), url, sort, column in numeric))
    return result
