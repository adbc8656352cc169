"""Login throttling with growing delays, by account and by address, in the database.

After a few failures in a row the next attempt must wait, twice as long after each further
failure, up to a quarter of an hour. It is a delay, not a lockout: once it has passed, the
right password signs in and clears the account's count, so an attacker cannot keep the owner
out for longer than the delay. The counts live in the database (`LoginFailures`), shared by
every process and server. Failures more than a day old are forgotten.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import ngettext

from styr.access.models import LoginFailures

FREE_FAILURES = {"konto": 3, "adress": 20}  # many people can share one address (a town hall)
FIRST_DELAY = timedelta(seconds=2)
LONGEST_DELAY = timedelta(minutes=15)
FORGET_AFTER = timedelta(days=1)


@dataclass(frozen=True)
class Wait:
    seconds: int

    def text(self) -> str:
        """The wait in words, in the reader's language: "1 sekund", "3 minuter"."""
        if self.seconds < 60:
            return ngettext("%(count)s sekund", "%(count)s sekunder", self.seconds) % {
                "count": self.seconds
            }
        minutes = -(-self.seconds // 60)
        return ngettext("%(count)s minut", "%(count)s minuter", minutes) % {"count": minutes}


def _scopes(username: str, address: str) -> list[tuple[str, str]]:
    scopes = [("konto", f"konto:{username.strip().casefold()[:150]}")]
    if address:
        scopes.append(("adress", f"adress:{address[:100]}"))
    return scopes


def delay_after(kind: str, count: int) -> timedelta:
    """How long the next attempt waits after `count` failures in a row."""
    over = count - FREE_FAILURES[kind]
    if over < 0:
        return timedelta(0)
    return min(FIRST_DELAY * (2 ** min(over, 20)), LONGEST_DELAY)


def wait(username: str, address: str, now: datetime | None = None) -> Wait | None:
    """How long the attempt must wait, or None if it may go ahead now."""
    now = now or timezone.now()
    longest = timedelta(0)
    rows = LoginFailures.objects.filter(scope__in=[s for _, s in _scopes(username, address)])
    found = {row.scope: row for row in rows}
    for kind, scope in _scopes(username, address):
        row = found.get(scope)
        if row is None or now - row.last_at > FORGET_AFTER:
            continue
        remaining = row.last_at + delay_after(kind, row.count) - now
        longest = max(longest, remaining)
    if longest <= timedelta(0):
        return None
    return Wait(max(1, int(-(-longest.total_seconds() // 1))))


def record_failure(username: str, address: str, now: datetime | None = None) -> None:
    now = now or timezone.now()
    for _, scope in _scopes(username, address):
        with transaction.atomic():
            recent = LoginFailures.objects.filter(scope=scope, last_at__gte=now - FORGET_AFTER)
            if recent.update(count=F("count") + 1, last_at=now):
                continue
            # None yet, or only a forgotten one: start at one. update_or_create takes care of
            # two first failures at once (the second updates the row the first created).
            LoginFailures.objects.update_or_create(
                scope=scope, defaults={"count": 1, "last_at": now}
            )


def clear(username: str) -> None:
    """A successful sign-in: the account starts afresh (its address keeps its count)."""
    LoginFailures.objects.filter(scope=_scopes(username, "")[0][1]).delete()
