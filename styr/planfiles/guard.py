"""What a plan-file import may change in a plan that the body has decided.

An adopted plan is a decision on record: an import may still bring its follow-up (outcomes,
forecasts, statuses, comments, activity progress, the budget outcome of a report occasion),
but not a change of what was decided (goal texts, targets, budget, risks, assignments). A
locked plan takes neither. A plan's state changes only through the workflow, never by a file.

Indicator and metric values belong to the body, not to one plan: a value is judged by the plan
of its own year too, so next year's file cannot rewrite a decided year.
"""

from collections.abc import Iterable
from typing import Any

from django.db import models
from django.utils.translation import gettext as _

from styr.indicators.models import IndicatorValue, MetricValue
from styr.planfiles.nodes import Node, PlanFileError
from styr.plans.decided import is_follow_up, occasion_of, why_refused
from styr.plans.models import Plan, ReportOccasion


class DecisionRefused(PlanFileError):
    """The file would change what an adopted or locked plan decided."""

    def __init__(self, node: Node, plan: Plan, message: str) -> None:
        super().__init__(node.file, node.line, node.path, message)
        self.plan = plan


class Guard:
    """Checks each write of one plan file's import against the plans it touches."""

    def __init__(self, plan: Plan, *, fresh: bool) -> None:
        self.plan = plan
        # A plan this import creates is being written, not changed: only other years count.
        self.fresh = fresh
        self._covering: dict[int, Plan | None] = {}

    def _plans_of(self, obj: models.Model) -> list[Plan]:
        plans = [] if self.fresh else [self.plan]
        if isinstance(obj, IndicatorValue | MetricValue):
            if obj.year not in self._covering:
                self._covering[obj.year] = Plan.objects.filter(
                    body_id=self.plan.body_id, year=obj.year
                ).first()
            covering = self._covering[obj.year]
            if covering is not None and covering.pk != self.plan.pk:
                plans.append(covering)
        return plans

    def check(self, obj: models.Model, fields: Iterable[str], at: Node, verb: str) -> None:
        """Refuse the write if a plan it belongs to is decided; `verb` says what it is."""
        fields = list(fields)
        occasion: ReportOccasion | None
        if isinstance(obj, ReportOccasion) and fields == ["deadline"]:
            # A report's last day to report is no part of any decision: it changes as
            # follow-up does, while the report is open (as on the web, do_set_occasion_deadline).
            follow_up, occasion = True, obj
        else:
            follow_up = is_follow_up(obj)
            occasion = occasion_of(obj) if follow_up else None
        for plan in self._plans_of(obj):
            refused = why_refused(
                plan,
                follow_up=follow_up,
                occasion=occasion if occasion is not None and occasion.plan_id == plan.pk else None,
                # Translators: passed into "… är fastställd, och %(what)s är en del av beslutet".
                what=_("det"),
            )
            if refused is not None:
                raise DecisionRefused(
                    at, plan, _refused(verb, _describe(obj, fields), refused.message)
                )


def _refused(verb: str, what: str, reason: str) -> str:
    """Why the import may not add, change or delete (`verb`) what it describes."""
    values = {"what": what, "reason": reason}
    if verb == "add":
        return _("skulle lägga till %(what)s, men %(reason)s") % values
    if verb == "delete":
        return _("skulle ta bort %(what)s, men %(reason)s") % values
    return _("skulle ändra %(what)s, men %(reason)s") % values


def _describe(obj: models.Model, fields: Iterable[str]) -> str:
    name = str(obj._meta.verbose_name)
    key = getattr(obj, "key", None)
    label = f"{name} ”{key}”" if key else name
    if isinstance(obj, IndicatorValue | MetricValue):
        label = f"{obj.get_kind_display().lower()} {obj.year}"
    shown = [str(getattr(obj._meta.get_field(f), "verbose_name", f)) for f in fields]
    return f"{label} ({', '.join(shown)})" if shown else label


def check_state(plan: Plan, node: Node | None, given: Any) -> None:
    """A file never moves a plan through the workflow: its `state` must be the plan's."""
    if node is not None and given != plan.state:
        raise DecisionRefused(
            node,
            plan,
            _(
                "planen är %(state)s; en inläsning ändrar inte en plans status (använd `styr plan "
                "submit|reopen|adopt|lock`)"
            )
            % {"state": plan.get_state_display().lower()},
        )
