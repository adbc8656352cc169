"""Who moderates a municipality's proposals: its administrators and the officials who edit a
body of it. A committee's decision is entered by an editor of that committee."""

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

from styr.access.permissions import can_edit, can_manage_reference, editable_body_ids
from styr.organisation.models import Municipality
from styr.proposals.models import Proposal

User = AbstractBaseUser | AnonymousUser


def can_moderate(user: User, municipality: Municipality) -> bool:
    if not user.is_authenticated:
        return False
    if can_manage_reference(user, municipality):
        return True
    ids = editable_body_ids(user)
    return municipality.bodies.filter(pk__in=ids).exists()


def can_decide(user: User, proposal: Proposal) -> bool:
    return user.is_authenticated and proposal.body is not None and can_edit(user, proposal.body)
