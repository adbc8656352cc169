"""Recording the result of a risk's control at a report occasion."""

from typing import TYPE_CHECKING, Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import transaction
from django.db.models import Max

from styr.audit.actions import record
from styr.core.keys import unique_key
from styr.core.text import clean_text
from styr.internal_control.models import Risk, RiskFollowUp
from styr.plans.actions import refuse_if_locked
from styr.plans.models import ReportOccasion

if TYPE_CHECKING:
    from styr.plans.models import Plan

Actor = AbstractBaseUser | AnonymousUser | None


def do_record_control_result(
    risk: Risk, occasion: ReportOccasion, *, result: str, acting_user: Actor
) -> RiskFollowUp:
    plan = risk.category.plan
    if occasion.plan_id != plan.pk:
        raise ValueError(f"{occasion} is not an occasion of {plan}")
    refuse_if_locked(
        plan, f"control result {risk.key}", acting_user, follow_up=True, occasion=occasion
    )
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


RISK_FIELDS = (
    "category", "main_process", "description", "probability", "consequence",
    "control_activity", "follow_up_method", "municipality_wide",
)  # fmt: skip


def do_save_risk(
    plan: "Plan", risk: Risk | None, values: dict[str, Any], *, acting_user: Actor
) -> Risk:
    """Create a risk in one of the plan's categories (risk None) or change one."""
    refuse_if_locked(plan, "edit risk", acting_user)
    category = values["category"]
    if category.plan_id != plan.pk:
        raise ValueError(f"{category} is not a risk category of {plan}")
    with transaction.atomic():
        if risk is None:
            key = unique_key(
                values["description"], lambda k: Risk.objects.for_plan(plan).filter(key=k).exists()
            )
            position = (category.risks.aggregate(m=Max("position"))["m"] or 0) + 1
            risk = Risk(key=key, position=position, category=category)
            before: dict[str, Any] = {}
        else:
            if risk.category.plan_id != plan.pk:
                raise ValueError(f"{risk} is not a risk of {plan}")
            risk = Risk.objects.select_for_update().get(pk=risk.pk)
            before = {f: getattr(risk, f) for f in RISK_FIELDS}
        # A field left out of `values` keeps its value (an import may set only some).
        fields = [f for f in RISK_FIELDS if f in values or not before]
        for field in fields:
            setattr(risk, field, values.get(field))
        risk.description = clean_text(risk.description).strip()
        # A score typed by hand would go stale; the plan's score is derived from now on.
        risk.stated_score = None
        risk.full_clean()
        risk.save()
        changes = {
            f: [str(before.get(f)) if f in before else None, str(values.get(f))]
            for f in fields
            if before.get(f) != values.get(f)
        }
        record(
            "risk_created" if not before else "risk_changed",
            acting_user=acting_user,
            obj=risk,
            changes=changes,
        )
    return risk
