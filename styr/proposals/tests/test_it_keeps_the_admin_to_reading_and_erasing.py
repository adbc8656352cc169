"""The admin reads e-förslag and erases residents through the action; it changes no proposal
or signature, which only the moderation page's actions do."""

from django.contrib.auth.models import User
from django.test import Client

from styr.audit.models import AuditEntry
from styr.proposals.models import Proposal, Resident


def _admin() -> Client:
    client = Client()
    client.force_login(User.objects.get(username="admin"))
    return client


def test_it_refuses_to_change_a_proposal_in_the_admin(proposal: Proposal) -> None:
    url = f"/admin/proposals/proposal/{proposal.pk}/change/"
    client = _admin()
    assert client.get(url).status_code == 200  # read
    client.post(url, {"title": "Ändrad", "state": "decided"})
    proposal.refresh_from_db()
    assert proposal.title != "Ändrad" and proposal.state == "submitted"
    assert client.get("/admin/proposals/signature/add/").status_code == 403


def test_it_erases_a_resident_from_the_admin(resident: Resident) -> None:
    response = _admin().post(
        "/admin/proposals/resident/",
        {"action": "erase", "_selected_action": [resident.pk]},
    )
    assert response.status_code == 302
    resident.refresh_from_db()
    assert resident.email is None and resident.erased_at is not None
    entry = AuditEntry.objects.get(action="resident_erased")
    assert entry.actor is not None and entry.actor.username == "admin"


def test_it_refuses_a_politician(resident: Resident) -> None:
    client = Client()
    client.force_login(User.objects.get(username="politiker"))
    assert client.get("/admin/proposals/resident/").status_code == 302  # to the admin's login
