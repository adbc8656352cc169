"""Taking a plan through its year in tests: every report adopted, then the plan locked."""

from datetime import date

from styr.plans.actions import do_change_occasion_state, do_change_plan_state
from styr.plans.models import Plan, PlanState


def adopt_reports(plan: Plan) -> Plan:
    """Adopt each of the plan's reports that is not adopted yet (the plan must be adopted)."""
    for number, occasion in enumerate(plan.occasions.exclude(kind="plan"), start=1):
        if occasion.state != PlanState.ADOPTED:
            do_change_occasion_state(
                occasion,
                "adopt",
                acting_user=None,
                adopted_on=date(plan.year + 1, 2, number),  # after every report's period
                adopted_minute=f"§ {number}",
            )
    plan.refresh_from_db()
    return plan


def lock_plan(plan: Plan) -> Plan:
    """Close the plan's year: its reports adopted, then the plan locked."""
    return do_change_plan_state(adopt_reports(plan), "lock", acting_user=None)
