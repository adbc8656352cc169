"""A dataset written as CSV or JSON.

CSV: UTF-8 with a byte order mark (Excel otherwise reads it as Windows-1252 and garbles å, ä,
ö), Swedish headers that never change, and two dialects:

- comma (the default): comma-separated, decimal point: what programs and RFC 4180 expect;
- semicolon (`?sep=semicolon`): semicolon-separated with a decimal comma, what Excel with
  Swedish settings opens directly. A decimal point there would turn 1.5 into 1 May.

No thousands separators in either; dates as ISO 8601 (2024-03-01); an empty cell is no value.

JSON: an object with the dataset's metadata and its rows, each an object with the CSV's
columns under English snake_case keys; numbers as JSON numbers, dates as ISO 8601 strings.
"""

import csv
import datetime
import io
import json
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from styr.opendata.datasets import Cell, Dataset

BOM = "\ufeff"


@dataclass(frozen=True)
class Dialect:
    delimiter: str
    decimal: str


COMMA = Dialect(",", ".")
SEMICOLON = Dialect(";", ",")
# What ?sep= may say: a word (a link can carry it as it is) or the character itself.
DIALECTS = {"": COMMA, "comma": COMMA, ",": COMMA, "semicolon": SEMICOLON, ";": SEMICOLON}


# What makes a spreadsheet read a cell as a formula (OWASP's CSV injection list).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def number_text(value: Decimal | int, decimal: str = ".") -> str:
    """A number without exponent or thousands separator, in the dialect's decimal sign."""
    text = format(value, "f") if isinstance(value, Decimal) else str(value)
    return text.replace(".", decimal)


def _text(cell: Cell, dialect: Dialect) -> str:
    if cell is None:
        return ""
    if isinstance(cell, Decimal | int):
        return number_text(cell, dialect.decimal)
    if isinstance(cell, datetime.date):
        return cell.isoformat()
    if cell.startswith(FORMULA_STARTS):
        # A spreadsheet would run "=…" as a formula (a goal title or comment is officials'
        # text, and an e-förslag residents'): the apostrophe makes it text in Excel and
        # LibreOffice, and shows that it was added.
        return "'" + cell
    return cell


def as_csv(dataset: Dataset, dialect: Dialect = COMMA) -> bytes:
    out = io.StringIO()
    out.write(BOM)
    # CRLF line ends (RFC 4180); a text with a line break or the separator is quoted.
    writer = csv.writer(out, delimiter=dialect.delimiter, lineterminator="\r\n")
    writer.writerow([c.header for c in dataset.columns])
    for row in dataset.rows:
        writer.writerow([_text(row[c.key], dialect) for c in dataset.columns])
    return out.getvalue().encode("utf-8")


def _json_value(cell: Cell) -> Any:
    if isinstance(cell, Decimal):
        # A whole number exactly; otherwise a float, which holds the 15 significant digits
        # a municipal amount or indicator value has (the json module writes no Decimal).
        return int(cell) if cell == cell.to_integral_value() else float(cell)
    if isinstance(cell, datetime.date):
        return cell.isoformat()
    return cell


def as_json(dataset: Dataset, metadata: dict[str, Any]) -> bytes:
    rows = [{c.key: _json_value(row[c.key]) for c in dataset.columns} for row in dataset.rows]
    document = {**metadata, "columns": {c.key: c.header for c in dataset.columns}, "rows": rows}
    return json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8")
