"""Goals and their indicators in the plan editor."""

import pytest
from django.contrib.auth.models import User

from styr.audit.models import AuditEntry
from styr.indicators.models import Indicator
from styr.plans.models import Plan
from styr.steering.models import StrategicArea
from styr.web.tests.helpers import client_for, text_of

pytestmark = pytest.mark.django_db


def _area(plan: Plan) -> StrategicArea:
    return StrategicArea.objects.get(municipal_plan__year=plan.year, key="kreativ-kommun")


def test_the_editor_adds_a_goal_under_a_strategic_area(editor: User, ks_plan: Plan) -> None:
    response = client_for(editor).post(
        f"/plan/{ks_plan.pk}/mal/nytt/",
        {"title": "Fler besökare i Marks kulturliv", "strategic_area": _area(ks_plan).pk},
        follow=True,
    )
    assert "Fler besökare i Marks kulturliv" in text_of(response)
    goal = ks_plan.goals.get(title="Fler besökare i Marks kulturliv")
    assert goal.strategic_area == _area(ks_plan)
    assert AuditEntry.objects.filter(action="goal_created", actor=editor).exists()


def test_a_goal_needs_a_text_or_a_link(editor: User, ks_plan: Plan) -> None:
    response = client_for(editor).post(f"/plan/{ks_plan.pk}/mal/nytt/", {"title": ""})
    assert response.status_code == 400
    assert "Skriv målet eller välj vad det svarar mot." in text_of(response)


def test_the_editor_adds_an_indicator_to_a_goal(editor: User, ks_plan: Plan) -> None:
    goal = ks_plan.goals.get(key="basta-foretagskommun")
    response = client_for(editor).post(
        f"/plan/{ks_plan.pk}/mal/{goal.pk}/indikator/",
        {"name": "Nyregistrerade företag", "unit": "antal", "decimals": 0,
         "polarity": "higher_is_better", "kolada_kpi": "N00999"},
        follow=True,
    )  # fmt: skip
    assert "Nyregistrerade företag" in text_of(response)
    indicator = Indicator.objects.get(body=ks_plan.body, name="Nyregistrerade företag")
    assert goal.indicators.filter(pk=indicator.pk).exists() and indicator.source == "Kolada N00999"


def test_readers_and_outsiders_cannot_change_goals(
    reader: User, outsider: User, ks_plan: Plan
) -> None:
    goal = ks_plan.goals.get(key="basta-foretagskommun")
    url = f"/plan/{ks_plan.pk}/mal/{goal.pk}/"
    assert client_for(reader).post(url, {"title": "Nej"}).status_code == 403
    assert client_for(outsider).post(url, {"title": "Nej"}).status_code == 404
    assert client_for(outsider).get(f"/plan/{ks_plan.pk}/mal/").status_code == 404
    goal.refresh_from_db()
    assert goal.title != "Nej"


def test_the_list_opens_a_goals_form_when_asked(editor: User, reader: User, ks_plan: Plan) -> None:
    goal = ks_plan.goals.first()
    assert goal is not None
    client = client_for(editor)
    page = client.get(f"/plan/{ks_plan.pk}/mal/").content.decode()
    url = f"/plan/{ks_plan.pk}/mal/{goal.pk}/"
    assert f'<div id="g-{goal.pk}-andra"><a href="{url}" hx-get="{url}"' in page
    assert 'name="based_on"' not in page.split('id="nytt-mal"')[0]  # no form per goal
    fragment = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert fragment.startswith(f'<form method="post" action="{url}">')
    assert "Spara målet" in fragment and 'name="based_on"' in fragment
    # Without JavaScript the link opens the goal's own page; a reader may not open it.
    assert "<h1>" in client.get(url).content.decode()
    assert client_for(reader).get(url).status_code == 403
