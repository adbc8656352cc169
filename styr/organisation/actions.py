"""Changes to a municipality's organisation. Every change is audited."""

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import transaction

from styr.audit.actions import record
from styr.documents.models import DocumentVersion
from styr.organisation.models import Body, Municipality
from styr.plans.models import Plan
from styr.steering.models import MunicipalPlan


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
