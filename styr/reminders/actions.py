"""Sending the reminders that are due, and a user's choice to have them or not.

`do_send_due_reminders` is safe to run as often as one likes (a nightly task, a command run by
hand after it): what has gone out is recorded, one row per reader, occasion, deadline and step,
and an e-mail goes out only with those rows, in one transaction. A failed e-mail leaves no row,
so the next run sends it.
"""

import logging
import smtplib
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ImproperlyConfigured
from django.db import IntegrityError, transaction

from styr.access.permissions import reporters_of
from styr.audit.actions import Actor, record
from styr.plans.models import OccasionKind, ReportOccasion
from styr.plans.reporting import Missing, reporting_open, unreported
from styr.reminders.message import OccasionPart, occasion_part, reminder_email
from styr.reminders.models import ReminderPreference, ReminderSent

logger = logging.getLogger(__name__)


@dataclass
class Summary:
    """What a run did: e-mails sent (to whom), and why others were not."""

    occasions: int = 0  # occasions with a reminder due today
    sent: list[str] = field(default_factory=list)  # usernames e-mailed
    already_sent: int = 0  # (reader, occasion) pairs reminded before at this step
    opted_out: list[str] = field(default_factory=list)
    no_address: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        return (
            f"{self.occasions} rapporttillfällen med påminnelse i dag, {len(self.sent)} e-post "
            f"skickade, {self.already_sent} redan påminda, {len(self.opted_out)} har stängt av "
            f"påminnelser, {len(self.no_address)} utan e-postadress, "
            f"{len(self.failed)} misslyckades"
        )


def due_step(deadline: date, today: date, steps: list[int]) -> int | None:
    """The step of REMINDER_DAYS_BEFORE due today: the smallest one reached, so a run that was
    missed on the day catches up with one e-mail, not one per step passed. None before the
    first step and after the deadline."""
    days_left = (deadline - today).days
    if days_left < 0:
        return None
    reached = [n for n in steps if days_left <= n]
    return min(reached) if reached else None


def reminders_enabled(user: AbstractBaseUser) -> bool:
    preference = ReminderPreference.objects.filter(user_id=user.pk).first()
    return preference is None or preference.enabled


def _due_occasions(today: date, steps: list[int]) -> list[tuple[ReportOccasion, int]]:
    if not steps:
        return []
    candidates = (
        ReportOccasion.objects.filter(
            deadline__gte=today, deadline__lte=today + timedelta(days=max(steps))
        )
        .exclude(kind=OccasionKind.PLAN)
        .select_related("plan__body__municipality")
        .order_by("deadline", "plan__body__name", "position")
    )
    due = []
    for occasion in candidates:
        assert occasion.deadline is not None
        step = due_step(occasion.deadline, today, steps)
        # Only while reporting is open: an adopted report (or a locked plan) takes no more.
        if step is not None and reporting_open(occasion):
            due.append((occasion, step))
    return due


def do_send_due_reminders(*, today: date, acting_user: Actor = None) -> Summary:
    """E-mail each reporter, once per step of REMINDER_DAYS_BEFORE, what they have not yet
    reported at the report occasions whose deadline is near. Only to active users with an
    e-mail address who may still report for the body (a reporter or editor grant), who have not
    turned reminders off, and only if something of theirs is missing."""
    if not settings.STYR_BASE_URL:
        raise ImproperlyConfigured(
            "STYR_BASE_URL is not set: reminders link to Styr, e.g. https://styr.kommun.se"
        )
    summary = Summary()
    due = _due_occasions(today, list(settings.REMINDER_DAYS_BEFORE))
    summary.occasions = len(due)
    sent_before = set(
        ReminderSent.objects.filter(occasion__in=[o for o, _ in due]).values_list(
            "user_id", "occasion_id", "deadline", "days_before"
        )
    )
    # Per reader: the occasions (and step) they are to be reminded of, with their items.
    todo: dict[int, list[tuple[ReportOccasion, int, list[Missing]]]] = defaultdict(list)
    users: dict[int, AbstractBaseUser] = {}
    for occasion, step in due:
        missing = unreported(occasion)
        for user in reporters_of(occasion.plan.body):
            mine = [m for m in missing if user.pk in m.reporter_ids]
            if not mine:
                continue
            if (user.pk, occasion.pk, occasion.deadline, step) in sent_before:
                summary.already_sent += 1
                continue
            users[user.pk] = user
            todo[user.pk].append((occasion, step, mine))
    for user_id, entries in todo.items():
        user = users[user_id]
        username = user.get_username()
        address = getattr(user, "email", "")
        if not reminders_enabled(user):
            summary.opted_out.append(username)
        elif not address:
            summary.no_address.append(username)
        else:
            outcome = _send(user, address, entries, today, acting_user)
            if outcome == "sent":
                summary.sent.append(username)
            elif outcome == "already":
                summary.already_sent += len(entries)
            else:
                summary.failed.append(username)
    return summary


def _send(
    user: AbstractBaseUser,
    address: str,
    entries: list[tuple[ReportOccasion, int, list[Missing]]],
    today: date,
    acting_user: Actor,
) -> str:
    """Record and send one reader's e-mail in one transaction: both happen or neither.
    Answers "sent", "already" (another run at the same time recorded it first) or "failed"."""
    parts: list[OccasionPart] = []
    try:
        with transaction.atomic():
            for occasion, step, mine in entries:
                assert occasion.deadline is not None
                ReminderSent.objects.create(
                    user_id=user.pk, occasion=occasion, deadline=occasion.deadline,
                    days_before=step,
                    sent_on=today, email=address, items=len(mine),
                )  # fmt: skip
                record(
                    "reminder_sent",
                    acting_user=acting_user,
                    obj=occasion,
                    changes={
                        "recipient": user.get_username(),
                        "email": address,
                        "deadline": occasion.deadline.isoformat(),
                        "days_before": step,
                        "items": len(mine),
                    },
                )
                parts.append(occasion_part(occasion, occasion.deadline, today, mine))
            name = getattr(user, "get_full_name", lambda: "")() or user.get_username()
            reminder_email(to=address, name=name, parts=parts).send()
    except IntegrityError:
        # Another run recorded it first (two runs at once): that run sends it.
        logger.info("reminder to %s already being sent", user.get_username())
        return "already"
    except (smtplib.SMTPException, OSError) as exc:
        logger.warning("reminder to %s not sent: %s", user.get_username(), exc)
        return "failed"
    return "sent"


def do_set_reminders(
    user: AbstractBaseUser, *, enabled: bool, acting_user: Actor
) -> ReminderPreference:
    """Turn a user's e-mail reminders on or off, recorded in the audit log (who asked for no
    reminders, and when, is worth knowing when a deadline is missed)."""
    with transaction.atomic():
        preferences = ReminderPreference.objects.select_for_update(of=("self",))
        preference, _ = preferences.get_or_create(user_id=user.pk)
        if preference.enabled != enabled:
            before = preference.enabled
            preference.enabled = enabled
            preference.save(update_fields=["enabled", "changed_at"])
            record(
                "reminders_changed",
                acting_user=acting_user,
                obj=preference,
                changes={"enabled": [before, enabled]},
            )
    return preference
