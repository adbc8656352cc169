"""A goal assessed by hand at several reports takes the latest report's assessment on the plan
page, whatever order they were saved in, as the start page's counts take it."""

import pytest
from django.contrib.auth.models import User

from styr.indicators.models import PlanRollup
from styr.plans.models import Plan
from styr.web.tests.helpers import client_for

pytestmark = pytest.mark.django_db
HTMX = {"HX-Request": "true"}


def _card(html: str, marker: str) -> str:
    start = html.index(marker)
    return html[start : html.index("</p>", html.index("status status--", start))]


def test_the_annual_reports_assessment_wins_over_the_interim_one_saved_later(
    editor: User, reader: User, ks_plan: Plan
) -> None:
    goal = ks_plan.goals.get(key="basta-foretagskommun")
    base = f"/plan/{ks_plan.pk}/uppfoljning/"
    client = client_for(editor)
    # The annual report's assessment first, then the interim report's.
    for occasion, fulfilment in (("arsrapport", "met"), ("delar", "not_met")):
        saved = client.post(f"{base}{occasion}/mal/{goal.pk}/",
                            {"fulfilment": fulfilment, "analysis": f"Bedömt i {occasion}."},
                            headers=HTMX)  # fmt: skip
        assert saved.status_code == 200
    page = client_for(reader).get(f"/plan/{ks_plan.pk}/").content.decode()
    card = _card(page, f'aria-labelledby="goal-{goal.pk}"')
    assert ">Uppfyllt</span> (bedömd)" in card
    # The interim report itself still shows its own assessment.
    interim = _card(
        client_for(reader).get(f"{base}delar/").content.decode(), f'id="goal-{goal.pk}"'
    )
    assert ">Ej uppfyllt</span> (bedömd)" in interim
    assert PlanRollup.objects.get(plan=ks_plan).met >= 1


def test_an_outsider_sees_neither(outsider: User, ks_plan: Plan) -> None:
    assert client_for(outsider).get(f"/plan/{ks_plan.pk}/").status_code == 404
