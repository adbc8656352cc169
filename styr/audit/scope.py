"""Which municipality an audited object belongs to, so that each municipality's auditors and
administrators read their own municipality's log and nobody else's."""

from django.db import models


def municipality_of(obj: models.Model | None) -> int | None:
    """The id of the municipality whose data the object is; None for what belongs to no one
    municipality (a user account, Styr's shipped reference data)."""
    from styr.organisation.models import Body, Municipality
    from styr.plans.decided import plan_of

    if obj is None:
        return None
    if isinstance(obj, Municipality):
        return obj.pk
    own = getattr(obj, "municipality_id", None)
    if isinstance(own, int):
        return own
    body_id = getattr(obj, "body_id", None)
    if isinstance(body_id, int):
        return Body.objects.filter(pk=body_id).values_list("municipality_id", flat=True).first()
    for name in ("municipal_plan", "administration", "matrix", "scale"):
        related = getattr(obj, name, None) if hasattr(obj, f"{name}_id") else None
        if isinstance(related, models.Model):
            return municipality_of(related)
    plan = plan_of(obj)
    return plan.body.municipality_id if plan is not None else None
