"""What reading a workbook finds: the changes it would make and the errors that stop it."""

import hashlib
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.utils import translation
from django_stubs_ext import StrOrPromise

from styr.indicators.models import ValueKind
from styr.plans.models import Plan


@dataclass(frozen=True)
class IndicatorValueEdit:
    indicator_id: int
    year: int
    kind: ValueKind
    value: Decimal | None
    comparator: str = ""
    reference_year: int | None = None  # a relative target (ökning jämfört med 2022)


@dataclass(frozen=True)
class MetricValueEdit:
    metric_id: int
    year: int
    kind: ValueKind
    value: Decimal | None
    text: str = ""  # a value in words ("Stängt")


@dataclass(frozen=True)
class FollowUpEdit:
    """One of an assignment's status, grade, comment or internal mark at an occasion (option
    id, text or yes/no)."""

    assignment_id: int
    occasion_id: int
    field: str
    value: int | str | bool | None


@dataclass(frozen=True)
class ActivityEdit:
    """An activity's status (option id), percent complete or comment at an occasion."""

    activity_id: int
    occasion_id: int
    field: str
    value: int | str | None


@dataclass(frozen=True)
class RiskEdit:
    risk_id: int
    field: str
    value: str | int | bool


@dataclass(frozen=True)
class ControlResultEdit:
    risk_id: int
    occasion_id: int
    result: str


@dataclass(frozen=True)
class BudgetEdit:
    row_id: int
    column_id: int
    amount: Decimal | None


Edit = (
    IndicatorValueEdit
    | MetricValueEdit
    | FollowUpEdit
    | ActivityEdit
    | RiskEdit
    | ControlResultEdit
    | BudgetEdit
)


@dataclass(frozen=True)
class Change:
    """One changed cell: where it is, what it is about, and its value before and after.

    `old` and `new` are as the preview shows them; an empty value is a lazy "(tomt)", shown
    in the reader's language."""

    sheet: str
    cell: str
    item: str
    field: str
    old: StrOrPromise
    new: StrOrPromise
    edit: Edit

    @property
    def where(self) -> str:
        return f"{self.sheet}!{self.cell}"


@dataclass(frozen=True)
class CellProblem:
    """Why a sheet, row or cell cannot be taken in. `cell` is empty for a whole sheet."""

    sheet: str
    cell: str
    reason: str

    def __str__(self) -> str:
        where = f"{self.sheet}!{self.cell}" if self.cell else self.sheet
        return f"{where}: {self.reason}" if where else self.reason


@dataclass
class WorkbookChanges:
    """A workbook read against its plan: nothing is written until the changes are applied."""

    plan: Plan | None
    changes: list[Change] = field(default_factory=list)
    errors: list[CellProblem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    def error(self, sheet: str, cell: str, reason: str) -> None:
        self.errors.append(CellProblem(sheet, cell, reason))

    def by_sheet(self) -> dict[str, int]:
        """How many cells change on each sheet, in the workbook's order."""
        return dict(Counter(c.sheet for c in self.changes))

    def digest(self) -> str:
        """A fingerprint of exactly these changes: a confirmation applies what was previewed.

        Taken in the site's language, so a preview and its confirmation agree whatever
        language each was shown in."""
        with translation.override(settings.LANGUAGE_CODE):
            text = "\n".join(f"{c.where}\t{c.old}\t{c.new}" for c in self.changes)
        return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


class WorkbookRefused(Exception):
    """The workbook has errors; nothing was written. Carries every error found."""

    def __init__(self, errors: list[CellProblem]) -> None:
        super().__init__("\n".join(str(e) for e in errors))
        self.errors = errors


class ChangesMoved(Exception):
    """The plan changed between preview and confirmation; the preview no longer holds."""


@dataclass(frozen=True)
class ImportSummary:
    plan: Plan
    by_sheet: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.by_sheet.values())
