"""Changes to a body's plan: its chapter texts, its item lists and its way from draft to locked.

Every change runs in one transaction with its audit entry. An adopted or locked plan is
immutable: a write is refused, and the refusal is recorded too.
"""

from datetime import date
from typing import TYPE_CHECKING, Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from styr.audit.actions import record
from styr.core.conflicts import Fingerprint, check_fingerprint, short_hash
from styr.core.keys import unique_key
from styr.core.text import clean_text
from styr.plans.decided import why_refused
from styr.plans.models import Plan, PlanItemBase, PlanState, PlanText, ReportOccasion

if TYPE_CHECKING:
    from styr.plans.items import ItemKind

Actor = AbstractBaseUser | AnonymousUser | None

# Which state each step leads from and to. A revision takes an adopted document back to a
# draft; the adopted version stays on record until the revision is adopted as the next one.
TRANSITIONS: dict[str, tuple[set[str], str]] = {
    "submit": ({PlanState.DRAFT}, PlanState.SUBMITTED),
    "reopen": ({PlanState.SUBMITTED}, PlanState.DRAFT),
    "adopt": ({PlanState.DRAFT, PlanState.SUBMITTED}, PlanState.ADOPTED),
    "revise": ({PlanState.ADOPTED}, PlanState.DRAFT),
    "lock": ({PlanState.ADOPTED}, PlanState.LOCKED),
}
# "… kan fastställas först när …"
STEP_PASSIVES = {
    # Translators: a step's passive, as in "Delårsrapport 2024 kan lämnas in först när planen
    # är fastställd" ("… can be submitted only once the plan is adopted"); so are the others.
    "submit": gettext_lazy("lämnas in"),
    "reopen": gettext_lazy("återöppnas"),
    "adopt": gettext_lazy("fastställas"),
    "revise": gettext_lazy("revideras"),
    "lock": gettext_lazy("låsas"),
}


class PlanLocked(Exception):
    """The plan is adopted or locked; it can be read and copied, not changed."""


class EditConflict(Exception):
    """Someone saved the item after this edit began. Carries what is stored now."""

    def __init__(self, current: str) -> None:
        super().__init__(_("Någon annan har sparat texten medan du redigerade den."))
        self.current = current


class InvalidTransition(Exception):
    pass


def fingerprint(text: str) -> str:
    """A short hash of a text as the editor saw it, for optimistic locking."""
    return short_hash(text)


def _refuse(plan: Plan, action: str, acting_user: Actor, message: str, state: str) -> None:
    # The refusal is logged in its own transaction: the attempt itself is history.
    with transaction.atomic():
        record(
            "write_refused",
            acting_user=acting_user,
            obj=plan,
            changes={"action": action, "state": state},
        )
    raise PlanLocked(message)


def refuse_if_locked(
    plan: Plan,
    action: str,
    acting_user: Actor,
    *,
    follow_up: bool = False,
    what: str = "",
    occasion: ReportOccasion | None = None,
) -> None:
    """Refuse a change of an adopted or locked plan, recording the attempt.

    Follow-up (outcomes, statuses, comments at a report occasion) goes on after adoption, and
    only a locked plan refuses it, or the report of that `occasion` once it is adopted: the
    report is then a decision of its own. `what` names the decided content ("budgeten",
    "målvärdet") so the message can say why it is refused."""
    refused = why_refused(plan, follow_up=follow_up, occasion=occasion, what=what)
    if refused is not None:
        _refuse(plan, action, acting_user, refused.message, refused.state)


def do_update_plan_text(
    plan: Plan, key: str, text: str, *, based_on: str, acting_user: Actor
) -> PlanText:
    """Save a chapter text. `based_on` is the fingerprint of the text the editor started from;
    if the stored text has changed since, nothing is saved and EditConflict says so."""
    refuse_if_locked(plan, f"edit text {key}", acting_user)
    with transaction.atomic():
        chapter = (
            PlanText.objects.of_plan()
            .select_for_update(of=("self",))
            .filter(plan=plan, key=key)
            .first()
        )
        if chapter is None:
            raise PlanText.DoesNotExist(f"{plan} has no text {key!r}")
        if fingerprint(chapter.text) != based_on:
            raise EditConflict(chapter.text)
        old = chapter.text
        chapter.text = clean_text(text)
        chapter.save(update_fields=["text"])
        record(
            "plan_text_changed",
            acting_user=acting_user,
            obj=chapter,
            changes={"text": [old, chapter.text]},
        )
    return chapter


def do_write_report_text(
    occasion: ReportOccasion,
    key: str,
    text: str,
    *,
    title: str,
    based_on: str,
    acting_user: Actor,
) -> PlanText:
    """Write a report's own chapter text (the delårsrapport's "Nämndens mål" …), creating it
    the first time. It is follow-up of that report: written after the plan's adoption, refused
    once the report is adopted. `based_on` is the fingerprint of the text the editor started
    from ("" for none yet); a save over a colleague's newer text raises EditConflict."""
    plan = occasion.plan
    if occasion.is_plan:
        raise ValueError("the plan's own texts are written with do_update_plan_text")
    refuse_if_locked(
        plan, f"edit text {occasion.key}/{key}", acting_user, follow_up=True, occasion=occasion
    )
    with transaction.atomic():
        chapter = (
            PlanText.objects.select_for_update(of=("self",))
            .filter(occasion=occasion, key=key)
            .first()
        )
        current = chapter.text if chapter is not None else ""
        if fingerprint(current) != based_on:
            raise EditConflict(current)
        cleaned = clean_text(text).strip()
        if not cleaned:
            # An emptied text is no text of the report's own: it prints the plan's again.
            if chapter is not None:
                chapter.delete()
            chapter = PlanText(plan=plan, occasion=occasion, key=key, title=title, text="")
        elif chapter is None:
            position = (plan.texts.aggregate(m=Max("position"))["m"] or 0) + 1
            try:
                with transaction.atomic():
                    chapter = PlanText.objects.create(
                        plan=plan, occasion=occasion, key=key, title=title.strip()[:300],
                        text=cleaned, position=position,
                    )  # fmt: skip
            except IntegrityError:
                # A colleague wrote the first text of this key a moment ago.
                raise EditConflict(PlanText.objects.get(occasion=occasion, key=key).text) from None
        else:
            chapter.text = cleaned
            chapter.save(update_fields=["text"])
        if current == cleaned:
            return chapter
        record(
            "report_text_changed",
            acting_user=acting_user,
            obj=chapter if chapter.pk else occasion,
            changes={
                "occasion": occasion.key,
                "key": key,
                "text": [current or None, cleaned or None],
            },
        )
    return chapter


MINUTE_LIMIT = 50


def _check_decision(step: str, adopted_on: date | None, adopted_minute: str) -> None:
    if step != "adopt":
        return
    if adopted_on is None or not adopted_minute.strip():
        raise InvalidTransition(_("Ange beslutsdatum och protokollsparagraf."))
    if len(adopted_minute.strip()) > MINUTE_LIMIT:
        raise InvalidTransition(
            _("Protokollsparagraf: högst %(limit)s tecken, t.ex. ”§ 123” (%(given)s angivna).")
            % {"limit": MINUTE_LIMIT, "given": len(adopted_minute.strip())}
        )


def _freeze(occasion: ReportOccasion | None, acting_user: Actor) -> None:
    from styr.documents.actions import FreezeError, do_freeze_occasion

    if occasion is None:
        return  # a plan without a plan occasion has no document to freeze
    try:
        do_freeze_occasion(occasion, acting_user=acting_user)
    except FreezeError as exc:
        raise InvalidTransition(
            _("Beslutet kan inte sparas: %(reason)s.") % {"reason": exc}
        ) from None


def _check_report_date(occasion: ReportOccasion, plan: Plan, adopted_on: date) -> None:
    """A report is decided after the period it reports on, and after the plan it follows up."""
    if occasion.date is not None and adopted_on < occasion.date:
        raise InvalidTransition(
            _(
                "Beslutsdatum %(decided)s: %(report)s gäller per %(date)s och kan inte "
                "fastställas före det."
            )
            % {"decided": adopted_on, "report": occasion.name, "date": occasion.date}
        )
    if plan.adopted_on is not None and adopted_on < plan.adopted_on:
        raise InvalidTransition(
            _(
                "Beslutsdatum %(decided)s: planen fastställdes %(plan_decided)s, och rapporten "
                "kan inte fastställas före planen."
            )
            % {"decided": adopted_on, "plan_decided": plan.adopted_on}
        )


def _take_step(
    decided: Plan | ReportOccasion,
    action: str,
    target: str,
    adopted_on: date | None,
    adopted_minute: str,
    acting_user: Actor,
) -> None:
    """Move a plan or a report to its new state, with the decision when it is adopted, and
    record the step. Runs inside the caller's transaction, with the row locked."""
    old = decided.state
    decided.state = target
    fields = ["state"]
    decision: dict[str, str] = {}
    if action.endswith("_adopt"):
        decided.adopted_on = adopted_on
        decided.adopted_minute = adopted_minute.strip()
        fields += ["adopted_on", "adopted_minute"]
        decision = {"adopted_on": str(adopted_on), "minute": decided.adopted_minute}
    decided.save(update_fields=fields)
    record(
        action, acting_user=acting_user, obj=decided, changes={"state": [old, target], **decision}
    )


def do_change_plan_state(
    plan: Plan,
    step: str,
    *,
    acting_user: Actor,
    adopted_on: date | None = None,
    adopted_minute: str = "",
) -> Plan:
    """Move a plan a step: submit, reopen, adopt (with date and minute §), revise or lock.

    Adopting freezes the plan's documents as a decided version (a revision adopted again is
    the next version). Locking closes the year and needs every report of it adopted."""
    if step not in TRANSITIONS:
        raise InvalidTransition(_("okänt steg %(step)s") % {"step": repr(step)})
    allowed, target = TRANSITIONS[step]
    with transaction.atomic():
        plan = (
            Plan.objects.select_for_update(of=("self",))
            .select_related("body__municipality")
            .get(pk=plan.pk)
        )
        if plan.state not in allowed:
            raise InvalidTransition(
                _("%(name)s är %(state)s; det steget går inte härifrån.")
                % {"name": plan, "state": plan.get_state_display().lower()}
            )
        _check_decision(step, adopted_on, adopted_minute)
        occasions = list(plan.occasions.all())
        if step == "lock":
            open_reports = [
                o.name for o in occasions if not o.is_plan and o.state != PlanState.ADOPTED
            ]
            if open_reports:
                raise InvalidTransition(
                    ngettext(
                        "Planen låses när årets rapporter är fastställda; inte fastställd än: "
                        "%(reports)s.",
                        "Planen låses när årets rapporter är fastställda; inte fastställda än: "
                        "%(reports)s.",
                        len(open_reports),
                    )
                    % {"reports": ", ".join(open_reports)}
                )
        _take_step(plan, f"plan_{step}", target, adopted_on, adopted_minute, acting_user)
        if step == "adopt":
            own = next((o for o in occasions if o.is_plan), None)
            if own is not None:
                own.plan = plan
            _freeze(own, acting_user)
    return plan


def do_change_occasion_state(
    occasion: ReportOccasion,
    step: str,
    *,
    acting_user: Actor,
    adopted_on: date | None = None,
    adopted_minute: str = "",
) -> ReportOccasion:
    """Move a report (delårsrapport, årsrapport) a step on its own way to a decision.

    The plan occasion's way is the plan's own. A report is submitted and adopted once the plan
    is adopted; adopting freezes its documents and ends its follow-up; a revision opens it
    again, and its next adoption is the next version."""
    if occasion.is_plan:
        plan = do_change_plan_state(
            occasion.plan, step, acting_user=acting_user,
            adopted_on=adopted_on, adopted_minute=adopted_minute,
        )  # fmt: skip
        return plan.occasions.get(pk=occasion.pk)
    if step not in TRANSITIONS:
        raise InvalidTransition(_("okänt steg %(step)s") % {"step": repr(step)})
    if step == "lock":
        raise InvalidTransition(_("En rapport låses inte för sig: den låses med planen."))
    allowed, target = TRANSITIONS[step]
    with transaction.atomic():
        plan = (
            Plan.objects.select_for_update(of=("self",))
            .select_related("body__municipality")
            .get(pk=occasion.plan_id)
        )
        occasion = ReportOccasion.objects.select_for_update(of=("self",)).get(pk=occasion.pk)
        occasion.plan = plan
        if plan.state != PlanState.ADOPTED:
            parts = {
                "plan": plan,
                "state": plan.get_state_display().lower(),
                "report": occasion.name,
                "step": STEP_PASSIVES[step],
            }
            if plan.state == PlanState.LOCKED:
                # Translators: %(step)s is a step's passive ("fastställas": "be adopted").
                message = _(
                    "%(plan)s är %(state)s; %(report)s kan %(step)s först när planen är "
                    "fastställd och innan den låses."
                )
            else:
                # Translators: %(step)s is a step's passive ("fastställas": "be adopted").
                message = _(
                    "%(plan)s är %(state)s; %(report)s kan %(step)s först när planen är "
                    "fastställd."
                )
            raise InvalidTransition(message % parts)
        if occasion.state not in allowed:
            raise InvalidTransition(
                _("%(name)s är %(state)s; det steget går inte härifrån.")
                % {"name": occasion.name, "state": occasion.get_state_display().lower()}
            )
        _check_decision(step, adopted_on, adopted_minute)
        if step == "adopt" and adopted_on is not None:
            _check_report_date(occasion, plan, adopted_on)
        _take_step(occasion, f"report_{step}", target, adopted_on, adopted_minute, acting_user)
        if step == "adopt":
            _freeze(occasion, acting_user)
    return occasion


def do_set_occasion_deadline(
    occasion: ReportOccasion, deadline: date | None, *, acting_user: Actor
) -> ReportOccasion:
    """Set the last day to report at a report occasion (or clear it: no reminders then).

    The deadline is not part of any decision: it can be set while the report's follow-up is
    open, also after the plan is adopted, and is refused once the report is adopted or the
    plan locked, as follow-up is."""
    if occasion.is_plan:
        raise InvalidTransition(_("Planen själv rapporteras inte: sista dag sätts för en rapport."))
    # As stored now, not as the caller last read it: the report may have been adopted since.
    occasion = ReportOccasion.objects.select_related("plan__body__municipality").get(pk=occasion.pk)
    plan = occasion.plan
    # Outside the change's transaction: a refusal is recorded even though nothing changes.
    refuse_if_locked(
        plan, f"set deadline {occasion.key}", acting_user, follow_up=True, occasion=occasion
    )
    with transaction.atomic():
        occasion = ReportOccasion.objects.select_for_update(of=("self",)).get(pk=occasion.pk)
        occasion.plan = plan
        if occasion.deadline == deadline:
            return occasion
        before = occasion.deadline
        occasion.deadline = deadline
        occasion.save(update_fields=["deadline"])
        record(
            "occasion_deadline_set",
            acting_user=acting_user,
            obj=occasion,
            changes={"deadline": [_plain(before), _plain(deadline)]},
        )
    return occasion


def do_save_plan_item(
    plan: Plan,
    kind: "ItemKind",
    item: PlanItemBase | None,
    values: dict[str, Any],
    *,
    acting_user: Actor,
    expect: Fingerprint | None = None,
) -> PlanItemBase:
    """Add an item to one of the plan's item lists (item None) or change one."""
    refuse_if_locked(plan, f"edit {kind.slug}", acting_user)
    items = kind.model._default_manager.filter(plan=plan)
    with transaction.atomic():
        if item is None:
            position = (items.aggregate(m=Max("position"))["m"] or 0) + 1
            key = unique_key(
                str(values.get(kind.key_from) or kind.slug),
                lambda k: items.filter(key=k).exists(),
            )
            item = kind.model(plan=plan, key=key, position=position)
            before: dict[str, Any] = {}
        else:
            if item.plan_id != plan.pk or not isinstance(item, kind.model):
                raise ValueError(f"{item} is not an item of {plan}")
            item = items.select_for_update(of=("self",)).get(pk=item.pk)
            check_fingerprint(expect, item)
            before = {f: getattr(item, f) for f in kind.fields}
        fields = [f for f in kind.fields if f in values or not before]
        for field in fields:
            given = values.get(field)
            setattr(item, field, clean_text(given).strip() if isinstance(given, str) else given)
        item.full_clean()
        item.save()
        record(
            f"{kind.model._meta.model_name}_{'changed' if before else 'created'}",
            acting_user=acting_user,
            obj=item,
            changes={
                f: [_plain(before.get(f)), _plain(getattr(item, f))]
                for f in fields
                if before.get(f) != getattr(item, f)
            },
        )
    return item


def do_delete_plan_item(plan: Plan, item: PlanItemBase, *, acting_user: Actor) -> None:
    """Remove an item from one of the plan's item lists."""
    refuse_if_locked(plan, "delete plan item", acting_user)
    if item.plan_id != plan.pk:
        raise ValueError(f"{item} is not an item of {plan}")
    with transaction.atomic():
        record(
            f"{item._meta.model_name}_deleted",
            acting_user=acting_user,
            obj=item,
            changes={"key": item.key},
        )
        item.delete()


def _plain(value: Any) -> str | None:
    return None if value is None or value == "" else str(value)
