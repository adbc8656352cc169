"""Changes to user accounts in the audit log, whichever route made them (the admin, a command,
`createsuperuser`, the demo): creation, each changed field (a password only as "changed"),
deletion. Roles are recorded by the access actions themselves."""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models.signals import post_save, pre_delete, pre_save

from styr.audit.actions import record

# Fields whose change is recorded; last_login changes at every sign-in and is not a change of
# the account.
TRACKED = ("username", "first_name", "last_name", "email", "is_active", "is_staff",
           "is_superuser", "password")  # fmt: skip


_acting: ContextVar[Any] = ContextVar("styr_account_actor", default=None)


@contextmanager
def acting(user: Any) -> Iterator[None]:
    """Record account changes made inside as `user` (the admin knows who; a signal does not)."""
    token = _acting.set(user)
    try:
        yield
    finally:
        _acting.reset(token)


def _before(sender: type[User], instance: User, **kwargs: Any) -> None:
    stored = sender.objects.filter(pk=instance.pk).values(*TRACKED).first() if instance.pk else None
    instance._audit_before = stored  # type: ignore[attr-defined]


def _after(sender: type[User], instance: User, created: bool, **kwargs: Any) -> None:
    if kwargs.get("raw"):
        return  # a restore writes rows as they were; it records nothing of its own
    before = getattr(instance, "_audit_before", None)
    changes: dict[str, Any] = {}
    for field in TRACKED:
        old = before.get(field) if before else None
        new = getattr(instance, field)
        if old != new and not (created and field == "password"):
            changes[field] = ["–", "ändrat"] if field == "password" else [old, new]
    if not created and not changes:
        return
    with transaction.atomic():
        action = "user_created" if created else "user_changed"
        record(action, acting_user=_acting.get(), obj=instance, changes=changes)


def _deleted(sender: type[User], instance: User, **kwargs: Any) -> None:
    with transaction.atomic():
        record("user_deleted", acting_user=_acting.get(), obj=instance,
               changes={"username": [instance.username, None]})  # fmt: skip


def connect() -> None:
    pre_save.connect(_before, sender=User, dispatch_uid="styr-audit-user-before")
    post_save.connect(_after, sender=User, dispatch_uid="styr-audit-user-after")
    pre_delete.connect(_deleted, sender=User, dispatch_uid="styr-audit-user-deleted")
