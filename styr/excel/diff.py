"""Comparing one sheet's rows with the plan: the changed cells, and why a cell is refused.

A row is matched to its object by the key in column A, whatever happened to the names beside
it. Only editable columns are read; a cell that still holds what the export wrote is no change.
"""

from collections.abc import Sequence
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_stubs_ext import StrOrPromise
from openpyxl.utils import get_column_letter

from styr.activities.actions import COMMENT_LIMIT, ActivityError, parse_unit_comments
from styr.core.formatting import format_number, format_target
from styr.excel.cells import (
    CellError,
    CellValue,
    comparable_text,
    parse_choice,
    parse_decimal,
    parse_text,
    parse_whole,
    quoted,
    same_number,
)
from styr.excel.changes import (
    ActivityEdit,
    BudgetEdit,
    Change,
    ControlResultEdit,
    Edit,
    FollowUpEdit,
    IndicatorValueEdit,
    MetricValueEdit,
    RiskEdit,
    WorkbookChanges,
)
from styr.excel.layout import (
    ACTIVITY_SCALE,
    GRADE_SCALE,
    NO,
    STATUS_SCALE,
    YES,
    Column,
    SheetLayout,
)
from styr.excel.rows import RowData, rows_for, short
from styr.indicators.models import Comparator, IndicatorValue, ValueKind, text_value
from styr.indicators.targets import parse_relative
from styr.internal_control.models import Axis
from styr.plans.decided import closing_occasion, why_refused
from styr.plans.models import Plan, ReportOccasion
from styr.scales.models import Scale

# IndicatorValue.value and MetricValue.value; BudgetCell.amount.
VALUE_DIGITS, VALUE_PLACES = 24, 6
AMOUNT_DIGITS, AMOUNT_PLACES = 20, 4
# Shown for an empty cell before or after a change. Lazy: a preview's fingerprint (digest) is
# taken in one language, so it does not change with the language the preview was shown in.
# Translators: shown for an empty cell in the preview of a workbook's changes.
EMPTY = gettext_lazy("(tomt)")
# Typed the ASCII way, or as Excel users do.
COMPARATORS = {c.value: c.value for c in Comparator if c.value} | {">=": "≥", "<=": "≤"}
TEXT_LIMITS = {"main_process": 200}


def _shown(value: Decimal | None) -> StrOrPromise:
    return EMPTY if value is None else format_number(value)


def _shown_text(text: str) -> StrOrPromise:
    return short(text) if text else EMPTY


def _no_such(kind: str) -> str:
    """What a sheet's row is, after ingen or inget: "ingen risk" (med nyckeln …)."""
    return {
        "indicators": _("ingen indikator"),
        "metrics": _("inget följetal"),
        "assignments": _("inget uppdrag"),
        "risks": _("ingen risk"),
        "budget": _("ingen rad"),
        "activities": _("ingen aktivitet"),
    }[kind]


class SheetReader:
    """Reads the data sheets of one workbook into its WorkbookChanges."""

    def __init__(self, plan: Plan, result: WorkbookChanges) -> None:
        self.plan = plan
        self.result = result
        self.covering = {p.year: p for p in Plan.objects.filter(body_id=plan.body_id)}
        self.closing: dict[int, ReportOccasion | None] = {}
        municipality = plan.body.municipality_id
        self.statuses = _options(STATUS_SCALE, municipality)
        self.grades = _options(GRADE_SCALE, municipality)
        self.activity_statuses = _options(ACTIVITY_SCALE, municipality)
        matrix = plan.risk_matrix
        levels = list(matrix.levels.all()) if matrix is not None else []
        self.levels = {
            axis: [lv.value for lv in levels if lv.axis == axis] or list(range(1, 10))
            for axis in (Axis.PROBABILITY, Axis.CONSEQUENCE)
        }

    # The sheet and its header --------------------------------------------------------------

    def read(self, layout: SheetLayout, rows: Sequence[tuple[CellValue, ...]]) -> None:
        header = rows[0] if rows else ()
        if not self._header_ok(layout, header):
            return  # with columns out of place, no cell below can be trusted
        stored = {row.key: row for row in rows_for(self.plan, layout)}
        seen: dict[str, int] = {}
        width = len(layout.columns)
        for number, raw in enumerate(rows[1:], start=2):
            cells = tuple(raw) + (None,) * (width - len(raw))
            if all(_blank(c) for c in cells):
                continue
            for index in range(width, len(cells)):
                if not _blank(cells[index]):
                    self._error(
                        layout, index, number, _("ett värde utanför bladets kolumner; ta bort det")
                    )
            row = self._match(layout, cells, number, stored, seen)
            if row is not None and not row.derived:
                self._compare(layout, row, cells[:width], number)

    def _header_ok(self, layout: SheetLayout, header: tuple[CellValue, ...]) -> bool:
        ok = True
        for index, column in enumerate(layout.columns):
            got = _cell_text(header[index]) if index < len(header) else ""
            if got == column.header:
                continue
            ok = False
            if not got:
                reason = _("kolumnen ”%(column)s” saknas") % {"column": column.header}
            else:
                reason = _("här ska kolumnen ”%(column)s” stå, inte %(found)s") % {
                    "column": column.header, "found": quoted(got)
                }  # fmt: skip
            self._error(layout, index, 1, reason)
        for index in range(len(layout.columns), len(header)):
            got = _cell_text(header[index])
            if got:
                ok = False
                self._error(
                    layout, index, 1,
                    _("kolumnen %(column)s hör inte till bladet; ta bort den")
                    % {"column": quoted(got)},
                )  # fmt: skip
        return ok

    def _match(
        self, layout: SheetLayout, cells: tuple[CellValue, ...], number: int,
        stored: dict[str, RowData], seen: dict[str, int],
    ) -> RowData | None:  # fmt: skip
        key = _cell_text(cells[0])
        if not key:
            self._error(layout, 0, number, _("en rad utan nyckel: rader kan inte läggas till i "
                        "Excel (lägg till raden i Styr och hämta sedan arbetsboken på "
                        "nytt)"))  # fmt: skip
            return None
        if key in seen:
            self._error(layout, 0, number, _("nyckeln %(key)s finns två gånger (även på rad "
                        "%(row)s)") % {"key": quoted(key), "row": seen[key]})  # fmt: skip
            return None
        seen[key] = number
        if key not in stored:
            # Translators: %(what)s is e.g. "ingen indikator": no row of the sheet's kind.
            reason = _("%(what)s med nyckeln %(key)s finns i %(plan)s (ändra inte nycklarna; "
                       "nya rader läggs till i Styr)")  # fmt: skip
            what = _no_such(layout.kind)
            self._error(layout, 0, number, reason % {"what": what, "key": quoted(key),
                                                     "plan": self.plan})  # fmt: skip
            return None
        return stored[key]

    # Cells ---------------------------------------------------------------------------------

    def _compare(
        self, layout: SheetLayout, row: RowData, cells: tuple[CellValue, ...], number: int
    ) -> None:
        for index, column in enumerate(layout.columns):
            if not column.editable or column.field == "comparator":
                continue
            try:
                self._cell(layout, row, column, cells, index, number)
            except CellError as exc:
                self._error(layout, index, number, str(exc))

    def _cell(
        self, layout: SheetLayout, row: RowData, column: Column, cells: tuple[CellValue, ...],
        index: int, number: int,
    ) -> None:  # fmt: skip
        value = cells[index]
        old = row.values.get(column.header)
        field = column.field
        if field == "value" and column.kind == ValueKind.TARGET:
            self._target(layout, row, column, cells, index, number)
        elif field == "value":
            words = text_value(value) if isinstance(value, str) else None
            if layout.kind == "metrics" and words is not None:
                if isinstance(old, str) and old == words:
                    return
                kind = ValueKind(column.kind)
                shown_old = old if isinstance(old, str) else _shown(old)
                words_edit = MetricValueEdit(row.obj.pk, column.year, kind, None, words)
                self._change(
                    layout, row, column, index, number, shown_old or EMPTY, words, words_edit
                )
                return
            if isinstance(old, str):
                if _blank(value):  # a value in words cleared
                    kind = ValueKind(column.kind)
                    cleared = MetricValueEdit(row.obj.pk, column.year, kind, None)
                    self._change(layout, row, column, index, number, old, EMPTY, cleared)
                    return
                old = None  # a value in words replaced by a number
            if same_number(old, value):
                return
            parsed = parse_decimal(value, max_digits=VALUE_DIGITS, decimal_places=VALUE_PLACES)
            if parsed == old:
                return
            kind = ValueKind(column.kind)
            edit: Edit = (
                IndicatorValueEdit(row.obj.pk, column.year, kind, parsed)
                if layout.kind == "indicators"
                else MetricValueEdit(row.obj.pk, column.year, kind, parsed)
            )
            self._change(layout, row, column, index, number, _shown(old), _shown(parsed), edit)
        elif field == "amount":
            if same_number(old, value):
                return
            parsed = parse_decimal(value, max_digits=AMOUNT_DIGITS, decimal_places=AMOUNT_PLACES)
            if parsed != old:
                edit = BudgetEdit(row.obj.pk, column.budget_column_id, parsed)
                self._change(layout, row, column, index, number, _shown(old), _shown(parsed), edit)
        elif field in ("status", "grade"):
            self._choice(layout, row, column, index, number, value, str(old or ""))
        elif field == "internal":
            internal = _yes_no(value)
            if (YES if internal else NO) == old:
                return
            assert column.occasion is not None
            edit = FollowUpEdit(row.obj.pk, column.occasion.pk, "internal", internal)
            self._change(layout, row, column, index, number, str(old), YES if internal else NO,
                         edit)  # fmt: skip
        elif field in ("activity_status", "percent", "activity_comment", "unit_comments"):
            self._activity(layout, row, column, index, number, value, old)
        elif field in ("comment", "result"):
            text = parse_text(value)
            if text == comparable_text(str(old or "")):
                return
            assert column.occasion is not None
            occasion = column.occasion.pk
            edit = (
                FollowUpEdit(row.obj.pk, occasion, "comment", text)
                if field == "comment"
                else ControlResultEdit(row.obj.pk, occasion, text)
            )
            self._change(layout, row, column, index, number, _shown_text(str(old or "")),
                         _shown_text(text), edit)  # fmt: skip
        else:
            self._risk(layout, row, column, index, number, value, old)

    def _target(
        self, layout: SheetLayout, row: RowData, column: Column, cells: tuple[CellValue, ...],
        index: int, number: int,
    ) -> None:  # fmt: skip
        """A target and its comparator, the column before it, are one value."""
        value, raw_comparator = cells[index], cells[index - 1]
        old = row.values.get(column.header)
        old_comparator = str(row.values.get(layout.columns[index - 1].header) or "")
        if isinstance(value, str) and (relative := parse_relative(value)) is not None:
            if isinstance(old, str) and parse_relative(old) == relative:
                return  # the relative target as exported
            comparator, change, reference_year = relative
            if not IndicatorValue.objects.filter(
                indicator_id=row.obj.pk, year=reference_year, kind=ValueKind.OUTCOME
            ).exists():
                raise CellError(
                    _(
                        "%(value)s jämförs med %(year)s, som inte har något utfall; för in "
                        "utfallet för %(year)s (eller skriv målvärdet som ett tal)"
                    )
                    % {"value": quoted(value), "year": reference_year}
                )
            edit = IndicatorValueEdit(
                row.obj.pk, column.year, ValueKind.TARGET, change, comparator, reference_year
            )
            before = old if isinstance(old, str) else format_target(old_comparator, old) or EMPTY
            self._change(layout, row, column, index, number, before, value.strip(), edit)
            return
        if isinstance(old, str):
            if _blank(value):  # a relative target cleared
                cleared = IndicatorValueEdit(row.obj.pk, column.year, ValueKind.TARGET, None)
                self._change(layout, row, column, index, number, old, EMPTY, cleared)
                return
            old, old_comparator = None, ""  # a relative target replaced by a number
        same = same_number(old, value)
        parsed = (
            old
            if same
            else parse_decimal(value, max_digits=VALUE_DIGITS, decimal_places=VALUE_PLACES)
        )
        same = same or parsed == old
        comparator_text = _cell_text(raw_comparator)
        if comparator_text and comparator_text not in COMPARATORS:
            listed = ", ".join(c for c in COMPARATORS if len(c) == 1)
            reason = _("%(value)s är inte ett jämförelsetecken (välj något av: %(choices)s)") % {
                "value": quoted(comparator_text), "choices": listed
            }  # fmt: skip
            self._error(layout, index - 1, number, reason)
            return
        comparator = COMPARATORS.get(comparator_text, "")
        if comparator and parsed is None:
            self._error(layout, index - 1, number, _("ett jämförelsetecken utan målvärde; skriv "
                        "målvärdet i kolumnen till höger eller ta bort tecknet"))  # fmt: skip
            return
        if same and comparator == old_comparator:
            return
        edit = IndicatorValueEdit(row.obj.pk, column.year, ValueKind.TARGET, parsed, comparator)
        before = format_target(old_comparator, old) or EMPTY
        after = format_target(comparator, parsed) or EMPTY
        changed = index if not same else index - 1
        self._change(layout, row, column, changed, number, before, after, edit)

    def _choice(
        self, layout: SheetLayout, row: RowData, column: Column, index: int, number: int,
        value: CellValue, old: str,
    ) -> None:  # fmt: skip
        text = parse_text(value)
        # The stored label is no change even if the scale has moved on to a new version.
        if text.casefold() == old.casefold():
            return
        scale = self.statuses if column.field == "status" else self.grades
        option = parse_choice(value, scale, _("finns inte i skalan"))
        assert column.occasion is not None
        edit = FollowUpEdit(row.obj.pk, column.occasion.pk, column.field,
                            int(option) if option else None)  # fmt: skip
        self._change(layout, row, column, index, number, old or EMPTY, text or EMPTY, edit)

    def _activity(
        self, layout: SheetLayout, row: RowData, column: Column, index: int, number: int,
        value: CellValue, old: object,
    ) -> None:  # fmt: skip
        assert column.occasion is not None
        new: int | str | None
        shown_old: StrOrPromise
        shown_new: StrOrPromise
        if column.field == "activity_status":
            text = parse_text(value)
            if text.casefold() == str(old or "").casefold():
                return
            option = parse_choice(value, self.activity_statuses, _("finns inte i skalan"))
            new, shown_old, shown_new = (
                int(option) if option else None,
                str(old or "") or EMPTY,
                text or EMPTY,
            )
        elif column.field == "percent":
            if _blank(value):
                if old is None:
                    return
                new = None
            else:
                new = parse_whole(value, list(range(101)), _("en färdiggrad i procent"))
                if new == old:
                    return
            shown_old = EMPTY if old is None else f"{old} %"
            shown_new = EMPTY if new is None else f"{new} %"
        else:
            text = parse_text(value)
            if text == comparable_text(str(old or "")):
                return
            if len(text) > COMMENT_LIMIT:
                raise CellError(_too_long(text, COMMENT_LIMIT))
            if column.field == "unit_comments":
                try:
                    parse_unit_comments(text, list(row.obj.units.all()))  # type: ignore[attr-defined]
                except ActivityError as exc:
                    raise CellError(str(exc)) from None
            new, shown_old, shown_new = text, _shown_text(str(old or "")), _shown_text(text)
        edit = ActivityEdit(row.obj.pk, column.occasion.pk, column.field, new)
        self._change(layout, row, column, index, number, shown_old, shown_new, edit)

    def _risk(
        self, layout: SheetLayout, row: RowData, column: Column, index: int, number: int,
        value: CellValue, old: object,
    ) -> None:  # fmt: skip
        field = column.field
        new: str | int | bool
        shown_old: StrOrPromise
        shown_new: StrOrPromise
        if field in ("probability", "consequence"):
            if isinstance(old, int) and same_number(Decimal(old), value):
                return
            axis = Axis.PROBABILITY if field == "probability" else Axis.CONSEQUENCE
            # Translators: %(axis)s is "sannolikhet" or "väsentlighet/konsekvens".
            level = _("en nivå för %(axis)s i riskmatrisen") % {"axis": axis.label.lower()}
            new = parse_whole(value, self.levels[axis], level)
            shown_old, shown_new = str(old), str(new)
        elif field == "municipality_wide":
            new = _yes_no(value)
            if (YES if new else NO) == old:
                return
            shown_old, shown_new = str(old), YES if new else NO
        else:
            text = parse_text(value)
            if text == comparable_text(str(old or "")):
                return
            if field == "description" and not text:
                raise CellError(_("beskriv risken; cellen får inte vara tom"))
            limit = TEXT_LIMITS.get(field)
            if limit is not None and len(text) > limit:
                raise CellError(_too_long(text, limit))
            new, shown_old, shown_new = text, _shown_text(str(old or "")), _shown_text(text)
        edit = RiskEdit(row.obj.pk, field, new)
        self._change(layout, row, column, index, number, shown_old, shown_new, edit)

    # Recording -----------------------------------------------------------------------------

    def _change(
        self, layout: SheetLayout, row: RowData, column: Column, index: int, number: int,
        old: StrOrPromise, new: StrOrPromise, edit: Edit,
    ) -> None:  # fmt: skip
        refusal = self._refusal(edit, column)
        if refusal:
            self._error(layout, index, number, refusal)
            return
        cell = f"{get_column_letter(index + 1)}{number}"
        self.result.changes.append(
            Change(layout.name, cell, row.item, column.header, old, new, edit)
        )

    def _refusal(self, edit: Edit, column: Column) -> str:
        """Why the plan's state refuses the edit, by the rule the action applies; "" if it may."""
        checks: list[tuple[Plan, ReportOccasion | None]] = [(self.plan, column.occasion)]
        if isinstance(edit, IndicatorValueEdit | MetricValueEdit):
            decision = isinstance(edit, IndicatorValueEdit) and edit.kind == ValueKind.TARGET
            # Translators: passed into "… är fastställd, och %(what)s är en del av beslutet".
            what = _("målvärdet")
            # A value belongs to its own year's plan too, and closes with its annual report.
            covering = self.covering.get(edit.year)
            if covering is not None:
                checks.append((covering, None if decision else self._closing(covering)))
        else:
            # A budget column of a report occasion is follow-up; the plan's own are decided.
            decision = isinstance(edit, RiskEdit) or (
                isinstance(edit, BudgetEdit) and not column.follow_up
            )
            what = _("risken") if isinstance(edit, RiskEdit) else _("budgeten")
        for plan, occasion in checks:
            refused = why_refused(plan, follow_up=not decision, occasion=occasion, what=what)
            if refused is not None:
                return refused.message
        return ""

    def _closing(self, plan: Plan) -> ReportOccasion | None:
        if plan.pk not in self.closing:
            self.closing[plan.pk] = closing_occasion(plan)
        return self.closing[plan.pk]

    def _error(self, layout: SheetLayout, index: int, number: int, reason: str) -> None:
        self.result.error(layout.name, f"{get_column_letter(index + 1)}{number}", reason)


def _too_long(text: str, limit: int) -> str:
    return _("texten är %(length)s tecken men får vara högst %(limit)s; korta den") % {
        "length": format_number(len(text)), "limit": format_number(limit)
    }  # fmt: skip


def _options(scale: str, municipality_id: int) -> dict[str, str]:
    """The options of the scale the municipality uses, {label: id}."""
    options = Scale.objects.current(scale, municipality_id).options.all()
    return {o.label: str(o.pk) for o in options}


def _yes_no(value: CellValue) -> bool:
    """Ja or Nej (or Excel's TRUE and FALSE); an empty cell is Nej."""
    if isinstance(value, bool):
        return value
    return parse_choice(value, {YES: "yes", NO: "no"}, _("är inte ett giltigt svar")) == "yes"


def _blank(value: CellValue) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _cell_text(value: CellValue) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return "" if value is None else str(value).strip()
