"""Writing audit entries. Called by every other app's actions, inside their transaction."""

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser, User
from django.db import models, transaction
from django.utils import translation

from styr.audit.cli import current_operator
from styr.audit.models import AuditEntry
from styr.audit.scope import municipality_of

Actor = AbstractBaseUser | AnonymousUser | None


@contextmanager
def stored_language() -> Iterator[None]:
    """Entries are written in Swedish whatever the acting user reads: what an object is called
    (a role, a kind) is stored as Swedish text and the log shows it as it was written."""
    with translation.override(settings.LANGUAGE_CODE):
        yield


def plain(value: Any) -> Any:
    """A value as the audit log keeps it: JSON's own types as they are, anything else as text
    (an object by its name, at most 200 characters)."""
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, models.Model):
        return str(value)[:200]
    return str(value)


def record(
    action: str,
    *,
    acting_user: Actor,
    obj: models.Model | None = None,
    changes: dict[str, Any] | None = None,
) -> AuditEntry:
    """Record one change. Must run inside the transaction that made the change."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("audit entries are written inside the change's own transaction")
    actor = acting_user if isinstance(acting_user, User) else None
    with stored_language():
        object_repr = str(obj)[:300] if obj is not None else ""
    return AuditEntry.objects.create(
        actor=actor,
        # Kept as text: the entry still says who after the account is gone.
        actor_name=actor.get_username() if actor is not None else current_operator(),
        municipality_id=municipality_of(obj),
        action=action,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        object_repr=object_repr,
        changes=changes or {},
    )
