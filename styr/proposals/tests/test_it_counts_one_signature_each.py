"""Verified residents sign a published proposal once each, during the signing period."""

from datetime import timedelta

from django.test import Client
from django.utils import timezone

from styr.proposals.actions import do_publish_proposal
from styr.proposals.models import Proposal, Resident

from .conftest import make_resident, signed_in


def _sign(client: Client, proposal: Proposal) -> str:
    url = f"/oppen/marks/forslag/{proposal.pk}/"
    client.post(f"{url}skriv-under/")
    return client.get(url).content.decode()


def test_it_counts_each_resident_once(proposal: Proposal, resident: Resident) -> None:
    do_publish_proposal(proposal, acting_user=None)
    bo = signed_in(make_resident("bo@example.se"))
    assert "Du har skrivit under" in _sign(bo, proposal)
    page = _sign(bo, proposal)
    assert "redan skrivit under" in page
    assert "1 av 50" in page
    _sign(signed_in(resident), proposal)
    assert proposal.signatures.count() == 2


def test_it_refuses_a_visitor_and_an_unpublished_proposal(proposal: Proposal) -> None:
    bo = signed_in(make_resident("bo@example.se"))
    assert bo.post(f"/oppen/marks/forslag/{proposal.pk}/skriv-under/").status_code == 404
    do_publish_proposal(proposal, acting_user=None)
    response = Client().post(f"/oppen/marks/forslag/{proposal.pk}/skriv-under/")
    assert response.status_code == 302 and response["Location"].endswith("/konto/")
    unverified = signed_in(Resident.objects.create(email="ny@example.se"))
    _sign(unverified, proposal)
    assert proposal.signatures.count() == 0


def test_it_closes_after_the_signing_period(proposal: Proposal) -> None:
    do_publish_proposal(proposal, acting_user=None)
    Proposal.objects.filter(pk=proposal.pk).update(
        signing_ends_on=timezone.localdate() - timedelta(days=1)
    )
    page = _sign(signed_in(make_resident("bo@example.se")), proposal)
    assert "Skriv under" not in page
    assert proposal.signatures.count() == 0
