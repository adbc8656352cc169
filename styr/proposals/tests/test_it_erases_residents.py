"""A resident erases themselves; residents inactive too long are purged by a command. Their
proposals stay without a name, their signatures counted."""

from datetime import timedelta

from django.core.management import call_command
from django.test import Client, override_settings
from django.utils import timezone

from styr.audit.models import AuditEntry
from styr.proposals.actions import do_publish_proposal, do_sign_proposal
from styr.proposals.models import Proposal, Resident

from .conftest import make_resident, signed_in


def test_it_erases_on_request(proposal: Proposal, resident: Resident) -> None:
    Proposal.objects.filter(pk=proposal.pk).update(show_name=True)
    do_publish_proposal(proposal, acting_user=None)
    do_sign_proposal(proposal, resident)
    client = signed_in(resident)
    assert client.get("/oppen/marks/forslag/radera/").status_code == 200
    assert client.post("/oppen/marks/forslag/radera/").status_code == 302
    resident.refresh_from_db()
    assert resident.email is None and resident.name == "" and resident.erased_at is not None
    proposal.refresh_from_db()
    assert not proposal.show_name and proposal.signatures.count() == 1
    page = Client().get(f"/oppen/marks/forslag/{proposal.pk}/").content.decode()
    assert "Anna Andersson" not in page and "Namnet visas inte" in page
    # Signed out, and the session no longer signs anything.
    assert client.get("/oppen/marks/forslag/mina/").status_code == 302
    assert AuditEntry.objects.filter(action="resident_erased", object_id=str(resident.pk)).exists()


def test_it_refuses_a_visitor(db: None) -> None:
    response = Client().post("/oppen/marks/forslag/radera/")
    assert response.status_code == 302 and response["Location"].endswith("/konto/")


@override_settings(PROPOSAL_RETENTION_DAYS=30)
def test_it_purges_inactive_residents(resident: Resident, proposal: Proposal) -> None:
    active = make_resident("bo@example.se")
    Resident.objects.filter(pk=resident.pk).update(active_at=timezone.now() - timedelta(days=31))
    call_command("proposals", "purge")
    resident.refresh_from_db()
    active.refresh_from_db()
    assert resident.email is None and resident.erased_at is not None
    assert active.email == "bo@example.se"
    assert Proposal.objects.filter(pk=proposal.pk).exists()


@override_settings(PROPOSAL_RETENTION_DAYS=30)
def test_the_nightly_schedule_purges_as_a_job(resident: Resident) -> None:
    from styr.tasks.models import Job, JobState
    from styr.tasks.tasks import purge_residents

    Resident.objects.filter(pk=resident.pk).update(active_at=timezone.now() - timedelta(days=31))
    purge_residents(timestamp=0)
    job = Job.objects.get(kind="proposals_purge")
    assert job.state == JobState.DONE and job.result == {"erased": 1}
    resident.refresh_from_db()
    assert resident.erased_at is not None
