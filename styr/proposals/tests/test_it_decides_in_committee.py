"""Enough signatures take a proposal to a committee; its editor enters the decision, and a
granted proposal becomes an assignment in the committee's plan, linked both ways."""

from datetime import date

import pytest
from django.contrib.auth.models import User
from django.test import Client, override_settings

from styr.organisation.models import Body
from styr.plans.actions import do_change_plan_state
from styr.plans.models import Plan
from styr.proposals.actions import do_publish_proposal, do_sign_proposal
from styr.proposals.models import Proposal, Resident, State

from .conftest import make_resident


def _page(proposal: Proposal) -> str:
    return f"/e-forslag/marks/{proposal.pk}/"


def _grant(proposal: Proposal) -> dict[str, str]:
    return {
        "do": "decide",
        "beslut-decision": "granted",
        "beslut-decided_on": "2024-03-14",
        "beslut-minute": "§ 42",
        "beslut-answer": "Sätt upp tio parkbänkar vid sjön.",
    }


@pytest.fixture
def signed(proposal: Proposal, resident: Resident) -> Proposal:
    do_publish_proposal(proposal, acting_user=None)
    do_sign_proposal(proposal, resident)
    do_sign_proposal(proposal, make_resident("bo@example.se"))
    return proposal


@override_settings(PROPOSAL_THRESHOLD=3)
def test_it_waits_for_the_threshold(editor: User, signed: Proposal, ks: Body) -> None:
    client = Client()
    client.force_login(editor)
    response = client.post(_page(signed), {"do": "committee", "body": ks.pk})
    assert "det behövs 3" in response.content.decode()
    signed.refresh_from_db()
    assert signed.state == State.PUBLISHED


@override_settings(PROPOSAL_THRESHOLD=2)
def test_it_grants_into_an_assignment(
    editor: User, outsider: User, signed: Proposal, ks: Body, ks_plan: Plan
) -> None:
    client = Client()
    client.force_login(editor)
    client.post(_page(signed), {"do": "committee", "body": ks.pk})
    signed.refresh_from_db()
    assert signed.state == State.COMMITTEE and signed.body == ks
    # KFN's editor moderates Marks' proposals but does not decide for Kommunstyrelsen.
    other = Client()
    other.force_login(outsider)
    assert other.post(_page(signed), _grant(signed)).status_code == 403
    client.post(_page(signed), _grant(signed))
    signed.refresh_from_db()
    assert signed.state == State.DECIDED and signed.decision == "granted"
    assignment = signed.assignment
    assert assignment is not None and assignment.plan == ks_plan
    assert assignment.text == "Sätt upp tio parkbänkar vid sjön."
    assert assignment.start_date == date(2024, 3, 14)
    page = Client().get(f"/oppen/marks/forslag/{signed.pk}/").content.decode()
    assert "Bifall" in page and "§ 42" in page
    assert "när nämndens plan är fastställd" in page
    # Once the plan is adopted the resident follows the assignment on the portal.
    do_change_plan_state(ks_plan, "adopt", acting_user=None, adopted_on=date(2024, 3, 20),
                         adopted_minute="§ 50")  # fmt: skip
    url = f"/oppen/marks/KS/2024/uppdrag/{assignment.key}/"
    assert url in Client().get(f"/oppen/marks/forslag/{signed.pk}/").content.decode()
    assignment_page = Client().get(url).content.decode()
    assert "Från e-förslag" in assignment_page
    assert f"/oppen/marks/forslag/{signed.pk}/" in assignment_page


@override_settings(PROPOSAL_THRESHOLD=2)
def test_it_refuses_a_grant_into_an_adopted_plan(
    editor: User, signed: Proposal, ks: Body, adopted_plan: Plan
) -> None:
    client = Client()
    client.force_login(editor)
    client.post(_page(signed), {"do": "committee", "body": ks.pk})
    response = client.post(_page(signed), _grant(signed))
    assert "kan inte ändras" in response.content.decode()
    signed.refresh_from_db()
    assert signed.state == State.COMMITTEE and signed.assignment is None
