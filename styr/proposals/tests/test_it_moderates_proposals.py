"""The municipality's officials publish, reject with a reason the resident reads, or merge a
duplicate; a reader and an official of another municipality are refused."""

from django.contrib.auth.models import User
from django.test import Client

from styr.organisation.models import Municipality
from styr.proposals.actions import do_publish_proposal, do_sign_proposal, do_submit_proposal
from styr.proposals.models import Proposal, Resident, State

from .conftest import make_resident, signed_in


def _page(proposal: Proposal) -> str:
    return f"/e-forslag/{proposal.municipality.key}/{proposal.pk}/"


def test_it_publishes(editor: User, proposal: Proposal) -> None:
    client = Client()
    client.force_login(editor)
    listing = client.get("/e-forslag/marks/")
    assert listing.status_code == 200 and "Fler parkbänkar" in listing.content.decode()
    assert client.post(_page(proposal), {"do": "publish"}).status_code == 302
    proposal.refresh_from_db()
    assert proposal.state == State.PUBLISHED and proposal.signing_ends_on is not None
    assert Client().get(f"/oppen/marks/forslag/{proposal.pk}/").status_code == 200


def test_it_rejects_with_a_reason_the_resident_reads(
    editor: User, proposal: Proposal, resident: Resident
) -> None:
    client = Client()
    client.force_login(editor)
    empty = client.post(_page(proposal), {"do": "reject", "avvisa-reason": ""})
    assert "Skäl" in empty.content.decode()
    client.post(_page(proposal), {"do": "reject", "avvisa-reason": "Gäller regionen."})
    proposal.refresh_from_db()
    assert proposal.state == State.REJECTED
    assert (
        "Gäller regionen." in signed_in(resident).get("/oppen/marks/forslag/mina/").content.decode()
    )


def test_it_merges_a_duplicate_counting_each_resident_once(
    editor: User, proposal: Proposal, marks: Municipality
) -> None:
    other = make_resident("bo@example.se")
    third = make_resident("cy@example.se")
    duplicate = do_submit_proposal(other, marks, title="Bänkar vid sjön", text="Samma sak.",
                                   area=None, show_name=False)  # fmt: skip
    do_publish_proposal(proposal, acting_user=None)
    do_publish_proposal(duplicate, acting_user=None)
    do_sign_proposal(proposal, other)
    do_sign_proposal(duplicate, other)
    do_sign_proposal(duplicate, third)
    client = Client()
    client.force_login(editor)
    client.post(_page(duplicate), {"do": "merge", "into": proposal.pk})
    duplicate.refresh_from_db()
    assert duplicate.state == State.MERGED and duplicate.merged_into == proposal
    emails = proposal.signatures.values_list("resident__email", flat=True)
    assert sorted(str(e) for e in emails) == ["bo@example.se", "cy@example.se"]
    assert not duplicate.signatures.exists()


def test_it_refuses_a_reader(reader: User, proposal: Proposal) -> None:
    client = Client()
    client.force_login(reader)
    assert client.get("/e-forslag/marks/").status_code == 403
    assert client.post(_page(proposal), {"do": "publish"}).status_code == 403
    proposal.refresh_from_db()
    assert proposal.state == State.SUBMITTED


def test_it_refuses_an_official_of_another_municipality(editor: User) -> None:
    styrby = Municipality.objects.get(key="styrby")
    resident = make_resident("dan@example.se")
    theirs = do_submit_proposal(resident, styrby, title="Cykelväg", text="Till skolan.",
                                area=None, show_name=False)  # fmt: skip
    client = Client()
    client.force_login(editor)
    assert client.get("/e-forslag/styrby/").status_code == 403
    assert client.post(_page(theirs), {"do": "publish"}).status_code == 403
    theirs.refresh_from_db()
    assert theirs.state == State.SUBMITTED


def test_it_sends_a_visitor_to_sign_in(proposal: Proposal) -> None:
    response = Client().get("/e-forslag/marks/")
    assert response.status_code == 302 and "/login/" in response["Location"]
