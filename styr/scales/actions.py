"""A municipality's own status scales: copied from Styr's default and changed on the web.

A copy belongs to one municipality; changing it never changes another municipality's, nor the
shipped default. Follow-up already recorded is carried over to the copy by option key, so the
statuses officials set keep their meaning.
"""

import re
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import models, transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from styr.audit.actions import record
from styr.core.keys import unique_key
from styr.core.text import is_colour
from styr.organisation.models import Municipality
from styr.scales.models import Scale, ScaleOption

Actor = AbstractBaseUser | AnonymousUser | None
LABEL_LIMIT = 100
SLUG = re.compile(r"[a-z0-9_-]{1,64}")
# Options Styr itself reads by key: a closed assignment is not copied to next year, an
# indicator's met / not met and a goal's fulfilment are marked by these.
REQUIRED_OPTIONS = {
    "assignment-status": frozenset({"closed"}),
    "target-result": frozenset({"met", "not_met"}),
    "goal-fulfilment": frozenset({"met", "partly_met", "not_met"}),
}


class ScaleError(ValueError):
    """A scale change that cannot be made; the message names the option and what is wrong."""


def _references() -> list[tuple[type[models.Model], str, str]]:
    """Where follow-up points at scale options: (model, field, path to the municipality)."""
    from styr.activities.models import ActivityFollowUp
    from styr.assignments.models import AssignmentFollowUp
    from styr.steering.models import GoalFollowUp

    return [
        (AssignmentFollowUp, "status", "assignment__plan__body__municipality"),
        (AssignmentFollowUp, "grade", "assignment__plan__body__municipality"),
        (GoalFollowUp, "fulfilment", "goal__plan__body__municipality"),
        (ActivityFollowUp, "status", "activity__plan__body__municipality"),
    ]


def uses(option: ScaleOption) -> int:
    """How many recorded follow-ups use the option."""
    return sum(
        model._default_manager.filter(**{field: option}).count()
        for model, field, _ in _references()
    )


def do_copy_scale(key: str, municipality: Municipality, *, acting_user: Actor) -> Scale:
    """Give the municipality its own copy of a shipped scale, and move its recorded follow-up
    onto the copy's options (matched by key)."""
    with transaction.atomic():
        # Two administrators at once: the second waits, then finds the first one's copy.
        Municipality.objects.select_for_update(of=("self",)).filter(pk=municipality.pk).first()
        if Scale.objects.filter(key=key, municipality=municipality).exists():
            raise ScaleError(
                _("%(municipality)s har redan en egen kopia av skalan.")
                % {"municipality": municipality.name}
            )
        shipped = Scale.objects.current(key)
        own = Scale.objects.create(key=key, version=1, name=shipped.name, municipality=municipality)
        copies = {
            option.key: ScaleOption.objects.create(
                scale=own,
                key=option.key,
                label=option.label,
                label_en=option.label_en,
                colour=option.colour,
                position=option.position,
            )  # fmt: skip
            for option in shipped.options.all()
        }
        moved = 0
        for model, field, path in _references():
            for option_key, copy in copies.items():
                moved += model._default_manager.filter(
                    **{
                        path: municipality,
                        f"{field}__key": option_key,
                        f"{field}__scale__key": key,
                        f"{field}__scale__municipality__isnull": True,
                    }
                ).update(**{field: copy})
        record(
            "scale_copied",
            acting_user=acting_user,
            obj=own,
            changes={"key": key, "from": str(shipped), "options": len(copies), "moved": moved},
        )
    return own


@dataclass(frozen=True)
class OptionInput:
    """One row of the scale's form: an existing option (by key) or a new one (key "")."""

    key: str
    label: str
    label_en: str = ""
    colour: str = ""
    remove: bool = False
    # The key a new option should get (a reference file names it); else one made from the label.
    new_key: str = ""


def _plain(option: ScaleOption) -> str:
    """An option as the audit log keeps it (in Swedish, as every stored entry)."""
    english = f", engelska: {option.label_en}" if option.label_en else ""
    return f"{option.label} ({option.colour or 'ingen färg'}{english})"


def do_save_scale(scale: Scale, rows: list[OptionInput], *, acting_user: Actor) -> Scale:
    """Change a municipality's own scale: labels, English labels, colours, order; add options;
    remove options no follow-up uses. All or nothing, with the row named in every refusal."""
    if scale.municipality_id is None:
        raise ScaleError(_("Styrs standardskalor ändras inte; gör en egen kopia för kommunen."))
    with transaction.atomic():
        scale = Scale.objects.select_for_update(of=("self",)).get(pk=scale.pk)
        options = {o.key: o for o in scale.options.all()}
        kept = [r for r in rows if not r.remove and (r.key or r.label.strip())]
        if not kept:
            raise ScaleError(_("En skala behöver minst ett alternativ."))
        labels: dict[str, int] = {}
        for number, row in enumerate(kept, start=1):
            label = row.label.strip()
            where = {"row": number}
            if not label:
                raise ScaleError(_("Rad %(row)s: skriv en benämning.") % where)
            if len(label) > LABEL_LIMIT or len(row.label_en.strip()) > LABEL_LIMIT:
                raise ScaleError(
                    _("Rad %(row)s: högst %(limit)s tecken per benämning.")
                    % {**where, "limit": LABEL_LIMIT}
                )
            if label.casefold() in labels:
                raise ScaleError(
                    _(
                        "Rad %(row)s: ”%(label)s” finns redan på rad %(first)s; "
                        "två alternativ kan inte heta likadant."
                    )
                    % {**where, "label": label, "first": labels[label.casefold()]}
                )
            labels[label.casefold()] = number
            if row.colour and not is_colour(row.colour):
                raise ScaleError(
                    _("Rad %(row)s: färgen ska skrivas #rrggbb, t.ex. #2e7d32.") % where
                )
            if row.key and row.key not in options:
                raise ScaleError(
                    _("Rad %(row)s: alternativet %(key)s finns inte i skalan.")
                    % {**where, "key": repr(row.key)}
                )
            if not row.key and row.new_key:
                if not SLUG.fullmatch(row.new_key):
                    raise ScaleError(
                        _(
                            "Rad %(row)s: nyckeln %(key)s får bara ha små bokstäver a–z, "
                            "siffror, - och _ (högst 64 tecken)."
                        )
                        % {**where, "key": repr(row.new_key[:64])}
                    )
                if row.new_key in options or [r.new_key for r in kept].count(row.new_key) > 1:
                    raise ScaleError(
                        _("Rad %(row)s: nyckeln %(key)s finns redan i skalan.")
                        % {**where, "key": repr(row.new_key)}
                    )
        changes: dict[str, Any] = {}
        for row in rows:
            if row.remove and row.key in REQUIRED_OPTIONS.get(scale.key, frozenset()):
                raise ScaleError(
                    _(
                        "”%(label)s” kan inte tas bort: Styr läser den i uppföljningen. "
                        "Byt benämning i stället."
                    )
                    % {"label": options[row.key].label}
                )
            if row.remove and row.key in options:
                option = options[row.key]
                used = uses(option)
                if used:
                    raise ScaleError(
                        ngettext(
                            "”%(label)s” används i %(count)s uppföljning och kan inte tas "
                            "bort; byt benämning i stället.",
                            "”%(label)s” används i %(count)s uppföljningar och kan inte tas "
                            "bort; byt benämning i stället.",
                            used,
                        )
                        % {"label": option.label, "count": used}
                    )
                changes[row.key] = [_plain(option), None]
                option.delete()
        for position, row in enumerate(kept):
            values: dict[str, Any] = {"label": row.label.strip(), "label_en": row.label_en.strip(),
                      "colour": row.colour.lower(), "position": position}  # fmt: skip
            if row.key:
                option = options[row.key]
                before = _plain(option)
                for field, value in values.items():
                    setattr(option, field, value)
                option.save()
                if before != _plain(option):
                    changes[row.key] = [before, _plain(option)]
            else:
                taken = set(options) | {r.key for r in kept} | {r.new_key for r in kept}
                key = row.new_key or unique_key(row.label.strip(), taken.__contains__)
                option = ScaleOption.objects.create(scale=scale, key=key, **values)
                options[key] = option
                changes[key] = [None, _plain(option)]
        if changes:
            record("scale_changed", acting_user=acting_user, obj=scale, changes=changes)
    return scale
