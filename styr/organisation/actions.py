"""Changes to a municipality's organisation. Every change is audited."""

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import transaction
from django.utils.translation import gettext as _

from styr.audit.actions import record
from styr.documents.models import DocumentVersion
from styr.organisation.models import Body, Municipality, WordBase
from styr.plans.models import Plan
from styr.steering.models import MunicipalPlan

Actor = AbstractBaseUser | AnonymousUser | None


def do_delete_municipality(
    municipality: Municipality, *, acting_user: AbstractBaseUser | AnonymousUser | None
) -> None:
    """Delete a municipality with everything it holds.

    Committee goals protect the council's goals they answer to, and bodies protect the bodies
    below them, so the order matters: committee plans, then the council's plans, then bodies
    from the leaves up.
    """
    with transaction.atomic():
        record(
            "municipality_deleted",
            acting_user=acting_user,
            obj=municipality,
            changes={"key": municipality.key, "name": municipality.name},
        )
        # The decided versions go with the municipality: deleting it is the one way to remove
        # a decision on record, and the audit entry above says so.
        DocumentVersion.objects.filter(occasion__plan__body__municipality=municipality).delete()
        Plan.objects.filter(body__municipality=municipality).delete()
        MunicipalPlan.objects.filter(municipality=municipality).delete()
        bodies = list(Body.objects.filter(municipality=municipality))
        while bodies:
            parents = {b.parent_id for b in bodies}
            leaves = [b for b in bodies if b.pk not in parents]
            Body.objects.filter(pk__in=[b.pk for b in leaves]).delete()
            bodies = [b for b in bodies if b.pk in parents]
        municipality.delete()


WORD_BASE_LIMIT = 5 * 1024 * 1024  # bytes: styles and a letterhead, not a document's images


def do_set_word_base(
    municipality: Municipality, name: str, content: bytes, *, acting_user: Actor
) -> WordBase:
    """Make a .docx the base the municipality's Word documents are written on, after checking
    that Word documents can be written on it."""
    from styr.documents.render.docx import open_base

    if len(content) > WORD_BASE_LIMIT:
        raise ValueError(
            _("%(file)s: filen är %(size)s KiB; högst %(limit)s KiB.")
            % {"file": name, "size": len(content) // 1024, "limit": WORD_BASE_LIMIT // 1024}
        )
    try:
        open_base(content)
    except ValueError as exc:
        raise ValueError(f"{name}: {exc}") from None
    with transaction.atomic():
        base, _created = WordBase.objects.update_or_create(
            municipality=municipality, defaults={"name": name[:200], "content": content}
        )
        record(
            "word_base_set",
            acting_user=acting_user,
            obj=municipality,
            changes={"name": name[:200], "bytes": len(content)},
        )
    return base


def do_remove_word_base(municipality: Municipality, *, acting_user: Actor) -> None:
    with transaction.atomic():
        deleted, _rows = WordBase.objects.filter(municipality=municipality).delete()
        if deleted:
            record("word_base_removed", acting_user=acting_user, obj=municipality)
