"""Recording the result of a risk's control at a report occasion."""

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import transaction

from styr.audit.actions import record
from styr.internal_control.models import Risk, RiskFollowUp
from styr.plans.actions import refuse_if_locked
from styr.plans.models import ReportOccasion

Actor = AbstractBaseUser | AnonymousUser | None


def do_record_control_result(
    risk: Risk, occasion: ReportOccasion, *, result: str, acting_user: Actor
) -> RiskFollowUp:
    plan = risk.category.plan
    if occasion.plan_id != plan.pk:
        raise ValueError(f"{occasion} is not an occasion of {plan}")
    refuse_if_locked(plan, f"control result {risk.key}", acting_user, follow_up=True)
    with transaction.atomic():
        follow_up, _ = RiskFollowUp.objects.select_for_update().get_or_create(
            risk=risk, occasion=occasion
        )
        before = follow_up.result
        follow_up.result = result.replace("\r\n", "\n").strip()
        follow_up.save()
        if before != follow_up.result:
            record(
                "control_result_recorded",
                acting_user=acting_user,
                obj=risk,
                changes={"occasion": occasion.key, "result": [before, follow_up.result]},
            )
    return follow_up
