"""Upserting a list of child objects by key, so re-imports update rather than duplicate."""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar

import yaml
from django.db import models
from django.utils.translation import gettext as _

from styr.audit.actions import plain

if TYPE_CHECKING:
    from styr.planfiles.guard import Guard
    from styr.planfiles.nodes import Node

M = TypeVar("M", bound=models.Model)


@dataclass
class Tally:
    """What an import did, by model: shown to the user and written to the audit trail."""

    created: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)
    deleted: dict[str, int] = field(default_factory=dict)
    # Objects created by this import: completing them later is part of creating them.
    new: set[tuple[str, int]] = field(default_factory=set)
    # While a plan file is imported: what its plan's state allows, and the file's root node,
    # where a refusal points when no closer node is given.
    guard: "Guard | None" = None
    root: "Node | None" = None
    # Whether objects a file no longer has are deleted (`styr import --prune`); without it they
    # are kept and listed here by file, and the import is refused so nothing goes unnoticed.
    prune: bool = True
    withheld: dict[str, list[str]] = field(default_factory=dict)
    # What changed, object by object, by file: the audit entry's change set. An added object
    # is named; a changed one lists each field's old and new value; a removed one is named.
    log: dict[str, list[dict[str, Any]]] = field(default_factory=dict)

    def note(self, at: "Node | None", entry: dict[str, Any]) -> None:
        where = at or self.root
        self.log.setdefault(where.file if where else "", []).append(entry)

    def add(self, bucket: dict[str, int], model: type[models.Model], n: int = 1) -> None:
        if n:
            name = str(model._meta.verbose_name_plural)
            bucket[name] = bucket.get(name, 0) + n

    def as_dict(self) -> dict[str, dict[str, int]]:
        return {"created": self.created, "updated": self.updated, "deleted": self.deleted}

    def changed(self) -> bool:
        return bool(self.created or self.updated or self.deleted)


def upsert(
    tally: Tally,
    model: type[M],
    lookup: Mapping[str, Any],
    values: Mapping[str, Any],
    *,
    existing: M | None = None,
    at: "Node | None" = None,
) -> M:
    """Create the object, or update only the fields that differ.

    `at` is the file's node for the object, named if the plan's state refuses the write."""
    _check_lengths(model, {**lookup, **values}, at)
    obj = existing if existing is not None else model._default_manager.filter(**lookup).first()
    if obj is None:
        obj = model(**lookup, **values)
        _check(tally, obj, [], at, "add")
        obj.save(force_insert=True)
        tally.add(tally.created, model)
        tally.new.add((model._meta.label, obj.pk))
        tally.note(at, {"tillagd": _named(obj)})
        return obj
    changed = [name for name, value in values.items() if getattr(obj, name) != value]
    if changed:
        if (model._meta.label, obj.pk) not in tally.new:
            _check(tally, obj, changed, at, "change")
        before = {name: plain(getattr(obj, name)) for name in changed}
        for name in changed:
            setattr(obj, name, values[name])
        obj.save(update_fields=changed)
        if (model._meta.label, obj.pk) not in tally.new:
            tally.add(tally.updated, model)
            fields = {name: [before[name], plain(getattr(obj, name))] for name in changed}
            tally.note(at, {"ändrad": _named(obj), "fält": fields})
    return obj


def _check_lengths(model: type[models.Model], values: Mapping[str, Any], at: "Node | None") -> None:
    """Refuse a text longer than its column before the database sees it: SQLite would store
    it whole, PostgreSQL would refuse it without naming the line."""
    from styr.planfiles.nodes import PlanFileError

    for name, value in values.items():
        if not isinstance(value, str):
            continue
        limit = getattr(model._meta.get_field(name), "max_length", None)
        if limit is not None and len(value) > limit:
            excerpt = value[:40] + "…"
            message = _(
                "”%(excerpt)s” är %(length)s tecken; %(field)s får vara högst %(limit)s"
            ) % {"excerpt": excerpt, "length": len(value), "field": name, "limit": limit}
            if at is None:
                raise PlanFileError("", None, name, message)
            field = at.get(name) if isinstance(at.node, yaml.MappingNode) else None
            raise (field or at).error(message)


def set_related(
    tally: Tally, obj: models.Model, field: str, targets: list[models.Model], *, at: "Node"
) -> None:
    """Make a many-to-many field hold exactly the targets, checked like a change of a field."""
    manager = getattr(obj, field)
    if {t.pk for t in manager.all()} == {t.pk for t in targets}:
        return
    if (obj._meta.label, obj.pk) not in tally.new:
        _check(tally, obj, [field], at, "change")
        tally.add(tally.updated, type(obj))
    manager.set(targets)


def _check(
    tally: Tally, obj: models.Model, fields: list[str], at: "Node | None", verb: str
) -> None:
    if tally.guard is not None:
        where = at or tally.root
        assert where is not None, "a guarded import has a root node"
        tally.guard.check(obj, fields, where, verb)


def delete_missing(
    tally: Tally, queryset: "models.QuerySet[M]", keep: Iterable[int], *, at: "Node | None" = None
) -> None:
    """Delete the objects of a list that the file no longer has."""
    stale = queryset.exclude(pk__in=list(keep))
    n = stale.count()
    if n:
        model = queryset.model
        if tally.guard is not None:
            for obj in stale:
                _check(tally, obj, [], at, "delete")
        if not tally.prune:
            where = at or tally.root
            listed = tally.withheld.setdefault(where.file if where else "", [])
            listed += [_named(obj) for obj in stale[:20]]
            if n > 20:
                listed.append(
                    # Translators: e.g. "5 risker till", after a list of the first 20.
                    _("%(count)s %(objects)s till")
                    % {"count": n - 20, "objects": model._meta.verbose_name_plural}
                )
            return
        for obj in stale:
            tally.note(at, {"borttagen": _named(obj)})
        stale.delete()
        tally.add(tally.deleted, model, n)


def _named(obj: models.Model) -> str:
    key = getattr(obj, "key", None)
    label = key if key else str(obj)
    return f"{obj._meta.verbose_name} ”{label[:60]}”"
