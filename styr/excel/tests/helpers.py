"""Writing the demo plan's workbook, editing it as an official would, and reading the database."""

import zipfile
from collections.abc import Callable
from io import BytesIO
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.workbook.workbook import Workbook

from styr.assignments.models import AssignmentFollowUp
from styr.audit.models import AuditEntry
from styr.excel.export import write_workbook
from styr.finance.models import BudgetCell
from styr.indicators.models import IndicatorValue, MetricValue
from styr.internal_control.models import Risk, RiskFollowUp
from styr.plans.models import Plan


def exported(plan: Plan) -> bytes:
    buffer = BytesIO()
    write_workbook(plan, buffer)
    return buffer.getvalue()


def edited(data: bytes, edit: Callable[[Workbook], Any]) -> bytes:
    """The workbook after `edit` changed it with openpyxl (as Excel would, cell by cell)."""
    book = load_workbook(BytesIO(data))
    edit(book)
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def with_member(data: bytes, member: str, change: Callable[[bytes], bytes]) -> bytes:
    """The workbook with one file inside its zip changed."""
    source = zipfile.ZipFile(BytesIO(data))
    out = BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item.filename)
            target.writestr(item, change(content) if item.filename == member else content)
    return out.getvalue()


def with_raw_value(data: bytes, sheet_xml: str, cell: str, raw: str) -> bytes:
    """The workbook with one cell's stored number replaced by raw text (NaN, INF), which no
    spreadsheet writes through its interface but a file can hold."""

    def change(content: bytes) -> bytes:
        text = content.decode("utf-8")
        start = text.index(f'<c r="{cell}"')
        end = text.index("</c>", start) + len("</c>")
        return (text[:start] + f'<c r="{cell}" t="n"><v>{raw}</v></c>' + text[end:]).encode()

    return with_member(data, sheet_xml, change)


def snapshot() -> tuple[list[Any], ...]:
    """Everything an import may change, to show that a refused one changed nothing."""
    return (
        list(IndicatorValue.objects.order_by("pk").values_list("pk", "value", "comparator")),
        list(MetricValue.objects.order_by("pk").values_list("pk", "value")),
        list(
            AssignmentFollowUp.objects.order_by("pk").values_list(
                "pk", "status", "grade", "comment"
            )
        ),
        list(BudgetCell.objects.order_by("pk").values_list("pk", "amount")),
        list(Risk.objects.order_by("pk").values_list("pk", "probability", "description")),
        list(RiskFollowUp.objects.order_by("pk").values_list("pk", "result")),
        list(AuditEntry.objects.order_by("pk").values_list("pk", flat=True)),
    )


def save(data: bytes, folder: Path, name: str = "plan.xlsx") -> Path:
    path = folder / name
    path.write_bytes(data)
    return path


def cell_of(data: bytes, sheet: str, key: str, header: str) -> str:
    """The coordinate of the cell in the row with the key, under the header (e.g. "X2")."""
    book = load_workbook(BytesIO(data), read_only=True)
    rows = list(book[sheet].iter_rows(values_only=True))
    column = rows[0].index(header)
    row = next(i for i, r in enumerate(rows, start=1) if r[0] == key)
    letter = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    name = letter[column] if column < 26 else letter[column // 26 - 1] + letter[column % 26]
    return f"{name}{row}"


def typed(sheet: str, cell: str, value: Any) -> Callable[[Workbook], None]:
    """An edit: the value typed into one cell."""

    def edit(book: Workbook) -> None:
        book[sheet][cell] = value

    return edit
