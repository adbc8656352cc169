"""The plan page's overview stays on the year most indicators can be assessed in: one early
value for the next year does not move it there and turn the other indicators into "Uppgift
saknas"; once most indicators have that year's results, it moves."""

import re
from decimal import Decimal

import pytest
from django.contrib.auth.models import User

from styr.indicators.actions import do_set_indicator_value
from styr.indicators.models import Indicator, ValueKind
from styr.plans.models import Plan
from styr.web.tests.helpers import client_for, text_of

pytestmark = pytest.mark.django_db


def _linked(plan: Plan) -> list[Indicator]:
    return list(Indicator.objects.filter(goalindicator__goal__plan=plan).distinct().order_by("pk"))


def _year_shown(user: User, plan: Plan) -> str:
    text = text_of(client_for(user).get(f"/plan/{plan.pk}/"))
    found = re.search(r"Mål och indikatorer (\d{4})", text)
    assert found is not None
    return found.group(1)


def test_one_early_value_does_not_move_the_overview(
    editor: User, outsider: User, ks_plan: Plan
) -> None:
    assert _year_shown(editor, ks_plan) == "2023"
    indicators = _linked(ks_plan)
    first = indicators[0]
    for kind, value in ((ValueKind.TARGET, "1"), (ValueKind.OUTCOME, "2")):
        do_set_indicator_value(first, plan=ks_plan, year=2024, kind=kind, value=Decimal(value),
                               comparator="≥" if kind == ValueKind.TARGET else "",
                               acting_user=editor)  # fmt: skip
    assert _year_shown(editor, ks_plan) == "2023"
    for indicator in indicators[1:]:
        for kind, value in ((ValueKind.TARGET, "1"), (ValueKind.OUTCOME, "2")):
            do_set_indicator_value(indicator, plan=ks_plan, year=2024, kind=kind,
                                   value=Decimal(value),
                                   comparator="≥" if kind == ValueKind.TARGET else "",
                                   acting_user=editor)  # fmt: skip
    assert _year_shown(editor, ks_plan) == "2024"
    assert client_for(outsider).get(f"/plan/{ks_plan.pk}/").status_code == 404
