"""Changes to activities: what is done to reach a goal or complete an assignment, and how far
it has come at each report occasion.

Activities are the administration's own operational work (verksamhetsplanering), not part of
the committee's decision: they are added and changed after the plan is adopted, until it is
locked. Their progress at a report occasion is follow-up, refused once that report is adopted.
"""

from collections.abc import Mapping
from datetime import date
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from styr.activities.models import Activity, ActivityFollowUp, ActivityUnitComment
from styr.assignments.models import Assignment
from styr.audit.actions import record
from styr.core.conflicts import Fingerprint, check_fingerprint, check_version
from styr.core.keys import unique_key
from styr.core.text import clean_text
from styr.organisation.models import Unit
from styr.plans.actions import refuse_if_locked
from styr.plans.models import Plan, ReportOccasion
from styr.scales.models import ScaleOption
from styr.steering.models import CommitteeGoal

Actor = AbstractBaseUser | AnonymousUser | None
STATUS_SCALE = "activity-status"
TITLE_LIMIT = 500
COMMENT_LIMIT = 5000
# What an editor's form shows of an activity: the fingerprint its save is checked against.
EDITED_FIELDS = ("title", "goal", "assignment", "responsible_unit", "start", "end")


class ActivityError(ValueError):
    """An activity or its progress that cannot be saved; the message says what and where."""


def units_of(plan: Plan) -> list[Unit]:
    """The units an activity of the plan can name as responsible: the body's administrations'."""
    return list(
        Unit.objects.filter(administration__body_id=plan.body_id).select_related("administration")
    )


def _plain(value: Any) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, Activity | CommitteeGoal | Assignment | Unit):
        return str(value)[:120]
    return str(value)


def do_save_activity(
    plan: Plan,
    activity: Activity | None,
    values: dict[str, Any],
    *,
    acting_user: Actor,
    expect: Fingerprint | None = None,
) -> Activity:
    """Add an activity to the plan (activity None) or change one.

    `values`: title, goal, assignment, responsible_unit, units (the participating units),
    start, end (absent fields keep their value). An activity belongs to at most one goal or
    assignment of the same plan."""
    refuse_if_locked(plan, "edit activity", acting_user, follow_up=True)
    title = clean_text(str(values.get("title", activity.title if activity else ""))).strip()
    if not title:
        raise ActivityError(_("Aktivitet: skriv vad som ska göras."))
    if len(title) > TITLE_LIMIT:
        raise ActivityError(
            _("Aktivitet: högst %(limit)s tecken (%(given)s angivna).")
            % {"limit": TITLE_LIMIT, "given": len(title)}
        )
    fields = ("goal", "assignment", "responsible_unit", "start", "end")
    merged = {f: values[f] if f in values else getattr(activity, f, None) for f in fields}
    goal, assignment, unit = merged["goal"], merged["assignment"], merged["responsible_unit"]
    if goal is not None and goal.plan_id != plan.pk:
        raise ActivityError(_("Mål: välj ett av planens mål."))
    if assignment is not None and assignment.plan_id != plan.pk:
        raise ActivityError(_("Uppdrag: välj ett av planens uppdrag."))
    if goal is not None and assignment is not None:
        raise ActivityError(_("En aktivitet hör till ett mål eller ett uppdrag, inte båda."))
    allowed = {u.pk for u in units_of(plan)}
    if unit is not None and unit.pk not in allowed:
        raise ActivityError(_("Ansvarig enhet: välj en enhet i nämndens förvaltning."))
    units: list[Unit] | None = values.get("units")
    if units is not None and any(u.pk not in allowed for u in units):
        raise ActivityError(_("Medverkande enheter: välj enheter i nämndens förvaltning."))
    start, end = merged["start"], merged["end"]
    if isinstance(start, date) and isinstance(end, date) and end < start:
        raise ActivityError(_("Slut: slutdatum kan inte ligga före startdatum."))
    with transaction.atomic():
        if activity is None:
            # Two new activities of one title at once: the second waits and gets the next key.
            Plan.objects.select_for_update(of=("self",)).filter(pk=plan.pk).first()
            existing = Activity.objects.filter(plan=plan)
            activity = Activity(
                plan=plan,
                key=unique_key(title, lambda k: existing.filter(key=k).exists()),
                position=(existing.aggregate(m=Max("position"))["m"] or 0) + 1,
            )
            before: dict[str, Any] = {}
        else:
            if activity.plan_id != plan.pk:
                raise ValueError(f"{activity} is not an activity of {plan}")
            activity = Activity.objects.select_for_update(of=("self",)).get(pk=activity.pk)
            check_fingerprint(expect, activity)
            before = {"title": activity.title, **{f: getattr(activity, f) for f in fields}}
        activity.title = title
        for field, value in merged.items():
            setattr(activity, field, value)
        activity.save()
        after = {"title": title, **merged}
        changes = {
            f: [_plain(before.get(f)), _plain(v)]
            for f, v in after.items()
            if _plain(before.get(f)) != _plain(v)
        }
        if units is not None:
            had = sorted(u.name for u in activity.units.all()) if before else []
            activity.units.set(units)
            now = sorted(u.name for u in units)
            if had != now:
                changes["units"] = [", ".join(had) or None, ", ".join(now) or None]
        record(
            "activity_changed" if before else "activity_created",
            acting_user=acting_user,
            obj=activity,
            changes=changes,
        )
    return activity


def do_report_activity(
    activity: Activity,
    occasion: ReportOccasion,
    *,
    status: ScaleOption | None,
    percent_complete: int | None,
    comment: str,
    unit_comments: Mapping[Unit, str] | None = None,
    acting_user: Actor,
    expect: str | None = None,
) -> ActivityFollowUp:
    """Record where an activity stands at a report occasion: status, % complete, comment, and
    the participating units' own comments (None keeps them; an empty text removes a unit's)."""
    if occasion.plan_id != activity.plan_id:
        raise ValueError(f"{occasion} is not an occasion of {activity.plan}")
    if percent_complete is not None and not 0 <= percent_complete <= 100:
        raise ActivityError(
            _("Färdiggrad: ange 0–100 procent (%(given)s angivet).") % {"given": percent_complete}
        )
    if len(comment) > COMMENT_LIMIT:
        raise ActivityError(
            _("Kommentar: högst %(limit)s tecken (%(given)s angivna).")
            % {"limit": COMMENT_LIMIT, "given": len(comment)}
        )
    # The responsible unit speaks through the activity's own comment; the units taking part
    # beside it each have theirs.
    taking_part = {u.pk for u in activity.units.all()} if unit_comments else set()
    for unit, text in (unit_comments or {}).items():
        if unit.pk not in taking_part:
            raise ActivityError(
                _(
                    "%(unit)s: enheten medverkar inte i aktiviteten; lägg till den bland "
                    "medverkande enheter först."
                )
                % {"unit": unit.name}
            )
        if len(text) > COMMENT_LIMIT:
            raise ActivityError(
                _("Kommentar från %(unit)s: högst %(limit)s tecken (%(given)s angivna).")
                % {"unit": unit.name, "limit": COMMENT_LIMIT, "given": len(text)}
            )
    if status is not None and status.scale.key != STATUS_SCALE:
        raise ActivityError(
            _("Status: %(status)s är ingen status för aktiviteter.") % {"status": status.label}
        )
    refuse_if_locked(
        activity.plan, f"report activity {activity.key}", acting_user,
        follow_up=True, occasion=occasion,
    )  # fmt: skip
    with transaction.atomic():
        follow_up, _created = ActivityFollowUp.objects.select_for_update(
            of=("self",)
        ).get_or_create(activity=activity, occasion=occasion)
        check_version(expect, *report_version_parts(activity, follow_up))
        before = [_plain(follow_up.status), follow_up.percent_complete, follow_up.comment]
        follow_up.status = status
        follow_up.percent_complete = percent_complete
        follow_up.comment = clean_text(comment).replace("\r\n", "\n").strip()
        follow_up.save()
        after = [_plain(status), percent_complete, follow_up.comment]
        units_changed = _save_unit_comments(follow_up, unit_comments or {})
        if before != after or units_changed:
            changes: dict[str, Any] = {
                "occasion": occasion.key,
                "status": [before[0], after[0]],
                "percent_complete": [before[1], after[1]],
                "comment": [before[2] or None, after[2] or None],
            }
            if units_changed:
                changes["unit_comments"] = units_changed
            record("activity_reported", acting_user=acting_user, obj=activity, changes=changes)
    return follow_up


def report_version_parts(activity: Activity, follow_up: ActivityFollowUp | None) -> list[object]:
    """What a report form shows, in order: status, % complete, comment and each participating
    unit's comment. Its version (core.conflicts.version_of) tells a stale save: one unit's
    save never silently replaces what another unit saved meanwhile."""
    said = {c.unit_id: c.comment for c in follow_up.unit_comments.all()} if follow_up else {}
    return [
        follow_up.status.key if follow_up and follow_up.status else None,
        follow_up.percent_complete if follow_up else None,
        follow_up.comment if follow_up else "",
        *[said.get(u.pk, "") for u in activity.units.all()],
    ]


def _save_unit_comments(
    follow_up: ActivityFollowUp, texts: Mapping[Unit, str]
) -> dict[str, list[str | None]]:
    """Write each unit's comment; returns what changed, by unit name, for the audit entry."""
    stored = {c.unit_id: c for c in follow_up.unit_comments.all()}
    changed: dict[str, list[str | None]] = {}
    for unit, raw in texts.items():
        text = clean_text(raw).replace("\r\n", "\n").strip()
        current = stored.get(unit.pk)
        was = current.comment if current is not None else ""
        if was == text:
            continue
        if current is None:
            ActivityUnitComment.objects.create(follow_up=follow_up, unit=unit, comment=text)
        elif not text:
            current.delete()
        else:
            current.comment = text
            current.save(update_fields=["comment"])
        changed[unit.name] = [was or None, text or None]
    return changed


def unit_comments_text(follow_up: ActivityFollowUp | None) -> str:
    """The participating units' comments as one text, a unit per line ("Enhet: kommentar"),
    as a spreadsheet cell holds them."""
    if follow_up is None:
        return ""
    return "\n".join(f"{c.unit.name}: {c.comment}" for c in follow_up.unit_comments.all())


def parse_unit_comments(text: str, units: list[Unit]) -> dict[Unit, str]:
    """Read `unit_comments_text` back: a line that begins with a participating unit's name and
    a colon starts that unit's comment, other lines continue it. Every participating unit is
    in the result; one the text leaves out has an empty comment (removed)."""
    by_name = {u.name.casefold(): u for u in units}
    texts: dict[Unit, list[str]] = {u: [] for u in units}
    current: Unit | None = None
    for line in text.replace("\r\n", "\n").split("\n"):
        name, colon, rest = line.partition(":")
        unit = by_name.get(name.strip().casefold()) if colon else None
        if unit is not None:
            if texts[unit]:
                raise ActivityError(
                    _("%(unit)s står två gånger; skriv enhetens kommentar en gång.")
                    % {"unit": unit.name}
                )
            current, line = unit, rest.strip()
        elif current is None:
            if not line.strip():
                continue
            names = ", ".join(u.name for u in units) or _("inga enheter medverkar")
            raise ActivityError(
                _(
                    "börja varje kommentar med enhetens namn och kolon, t.ex. "
                    "”%(example)s: …” (medverkande: %(names)s)."
                )
                # Translators: an example unit name, where the activity has no units.
                % {"example": units[0].name if units else _("Enhet"), "names": names}
            )
        texts[current].append(line)
    return {unit: "\n".join(lines).strip() for unit, lines in texts.items()}
