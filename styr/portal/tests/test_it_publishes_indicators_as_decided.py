"""An indicator marked public after a plan was decided shows under the plans decided after
that, never under the ones already decided; marked not public, it goes from all at once."""

from datetime import date

import pytest
from django.contrib.auth.models import User

from styr.documents.models import DocumentVersion
from styr.indicators.actions import do_change_indicator
from styr.indicators.models import Indicator
from styr.plans.actions import do_change_occasion_state, do_change_plan_state
from styr.plans.copying import do_copy_plan_to_next_year
from styr.plans.models import Plan
from styr.portal.tests.conftest import portal_get
from styr.web.tests.helpers import client_for

pytestmark = pytest.mark.django_db


def test_publishing_from_next_years_draft_leaves_the_decided_plan_as_it_was(
    ks_plan: Plan, editor: User
) -> None:
    goal = ks_plan.goals.filter(indicators__isnull=False).order_by("position")[0]
    indicator = goal.indicators.order_by("goalindicator__position")[0]
    Indicator.objects.filter(pk=indicator.pk).update(public=False)
    plan = do_change_plan_state(
        ks_plan, "adopt", acting_user=None, adopted_on=date(2023, 11, 30), adopted_minute="§ 201"
    )
    next_year = do_copy_plan_to_next_year(plan, acting_user=editor)
    indicator.refresh_from_db()
    do_change_indicator(indicator, {"public": True}, plan=next_year, acting_user=editor)
    client = client_for(None)
    goal_page = f"/oppen/marks/KS/2024/mal/{goal.key}/"
    indicator_page = f"/oppen/marks/KS/indikator/{indicator.key}/"
    status, page = portal_get(client, goal_page)
    assert status == 200 and indicator.name not in page
    assert portal_get(client, indicator_page)[0] == 404
    assert client.get(f"/api/indicators/{indicator.pk}", secure=True).status_code == 404
    # The plan's interim report, adopted now, does not print it either.
    delar = plan.occasions.get(key="delar")
    do_change_occasion_state(
        delar, "adopt", acting_user=None, adopted_on=date(2024, 10, 14), adopted_minute="§ 150"
    )
    report = DocumentVersion.objects.get(occasion=delar, template_key="delarsrapport")
    assert report.public_tree is not None
    assert indicator.name in str(report.tree) and indicator.name not in str(report.public_tree)
    # Next year's plan, decided with the indicator public, publishes it.
    do_change_plan_state(
        next_year, "adopt", acting_user=None, adopted_on=date(2024, 11, 28),
        adopted_minute="§ 190",
    )  # fmt: skip
    status, page = portal_get(client, f"/oppen/marks/KS/2025/mal/{goal.key}/")
    assert status == 200 and indicator.name in page
    status, page = portal_get(client, indicator_page)
    assert status == 200 and "2025" in page
    raw = client.get(indicator_page, secure=True).content.decode()
    assert "/oppen/marks/KS/2025/mal/" in raw and "/oppen/marks/KS/2024/mal/" not in raw
    status, page = portal_get(client, goal_page)
    assert status == 200 and indicator.name not in page
    # Withdrawn, it goes from both at once.
    indicator.refresh_from_db()
    do_change_indicator(indicator, {"public": False}, plan=next_year, acting_user=editor)
    assert portal_get(client, indicator_page)[0] == 404


def test_targets_follow_what_each_years_plan_published(ks_plan: Plan, editor: User) -> None:
    """A year whose plan withheld the indicator shows none of its targets; a year whose plan
    did not use it keeps the rule by year (next year's plan prints last year's target)."""
    from decimal import Decimal

    from styr.indicators.actions import do_add_indicator
    from styr.indicators.models import GoalIndicator, IndicatorValue
    from styr.portal.published import decided_years, public_values

    goal = ks_plan.goals.filter(indicators__isnull=False).order_by("position")[0]
    withheld = goal.indicators.order_by("goalindicator__position")[0]
    Indicator.objects.filter(pk=withheld.pk).update(public=False)
    plan = do_change_plan_state(
        ks_plan, "adopt", acting_user=None, adopted_on=date(2023, 11, 30), adopted_minute="§ 201"
    )
    next_year = do_copy_plan_to_next_year(plan, acting_user=editor)
    # The copy's links wait for its own decision: public now, they show in its draft edition.
    assert set(
        GoalIndicator.objects.filter(goal__plan=next_year).values_list("published", flat=True)
    ) == {True}
    withheld.refresh_from_db()
    do_change_indicator(withheld, {"public": True}, plan=next_year, acting_user=editor)
    new_goal = next_year.goals.get(key=goal.key)
    added = do_add_indicator(new_goal, {"name": "Ny indikator 2025"}, acting_user=editor)
    for indicator in (withheld, added):
        for year in (2024, 2025):
            IndicatorValue.objects.update_or_create(
                indicator=indicator, year=year, kind="target",
                defaults={"value": Decimal(year - 1970)},
            )  # fmt: skip
    do_change_plan_state(
        next_year, "adopt", acting_user=None, adopted_on=date(2024, 11, 28),
        adopted_minute="§ 190",
    )  # fmt: skip
    shown = public_values([withheld.pk, added.pk], decided_years(plan.body))
    targets = {
        (v.indicator_id, v.year) for values in shown.values() for v in values if v.kind == "target"
    }
    assert (withheld.pk, 2024) not in targets and (withheld.pk, 2025) in targets
    assert {(added.pk, 2024), (added.pk, 2025)} <= targets
