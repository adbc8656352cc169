"""A plan reaches the portal when its body adopts it, and not before, whoever asks."""

import pytest
from django.contrib.auth.models import User

from styr.plans.models import Plan
from styr.portal.tests.conftest import portal_get
from styr.web.tests.helpers import client_for

pytestmark = pytest.mark.django_db

PLAN = "/oppen/marks/KS/2024/"


@pytest.mark.parametrize("persona", [None, "editor", "reader", "outsider"])
def test_it_refuses_a_draft_plan_to_everyone(
    persona: str | None, ks_plan: Plan, request: pytest.FixtureRequest
) -> None:
    # A signed-in editor sees the draft in Styr itself, never on the portal.
    user: User | None = request.getfixturevalue(persona) if persona else None
    client = client_for(user)
    assert portal_get(client, PLAN)[0] == 404
    assert portal_get(client, "/oppen/marks/")[0] == 404
    status, page = portal_get(client, "/oppen/")
    assert status == 200 and "Marks kommun" not in page and "Styrby kommun" in page


@pytest.mark.parametrize("persona", [None, "editor", "outsider"])
def test_it_shows_an_adopted_plan_to_everyone_alike(
    persona: str | None, adopted_plan: Plan, request: pytest.FixtureRequest
) -> None:
    user: User | None = request.getfixturevalue(persona) if persona else None
    status, page = portal_get(client_for(user), PLAN)
    assert status == 200
    assert "Nämndplan 2024" in page and "Fastställd 2023-11-30 § 201." in page
    goal = adopted_plan.goals.order_by("position").first()
    assert goal is not None and goal.title in page
    status, municipality = portal_get(client_for(user), "/oppen/marks/")
    assert status == 200 and "Kommunstyrelsen" in municipality
    # The other bodies' drafts stay out.
    assert "Kultur- och fritidsnämnden" not in municipality


def test_it_shows_the_councils_vision_and_strategic_areas(adopted_plan: Plan) -> None:
    status, page = portal_get(client_for(None), "/oppen/marks/")
    assert status == 200
    steering = adopted_plan.body.municipality.plans.get(year=2024)
    area = steering.strategic_areas.order_by("position").first()
    assert area is not None and area.name in page
    assert "Vision" in page


def test_it_answers_only_reading(adopted_plan: Plan) -> None:
    response = client_for(None).post(PLAN, secure=True)
    assert response.status_code == 405


def test_it_names_a_missing_page(adopted_plan: Plan) -> None:
    for path in ["/oppen/marks/KS/2023/", "/oppen/marks/XX/2024/", "/oppen/ingen/",
                 f"{PLAN}mal/finns-inte/", f"{PLAN}uppdrag/finns-inte/",
                 "/oppen/marks/KS/indikator/finns-inte/"]:  # fmt: skip
        assert portal_get(client_for(None), path)[0] == 404, path
