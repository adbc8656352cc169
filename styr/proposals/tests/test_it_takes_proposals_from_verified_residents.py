"""Only a verified resident submits a proposal; the image is checked, the audit entry names the
resident by id and never by e-mail."""

import base64

from django.test import Client

from styr.audit.models import AuditEntry
from styr.organisation.models import Municipality
from styr.proposals.models import Proposal, Resident
from styr.steering.models import StrategicArea

from .conftest import signed_in

URL = "/oppen/marks/forslag/nytt/"
# A 1×1 PNG.
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
)


def _form(**extra: object) -> dict[str, object]:
    return {"title": "Belysning i parken", "text": "Lampor längs gångvägen.", "area": "annat",
            **extra}  # fmt: skip


def test_it_sends_a_visitor_to_sign_in(db: None) -> None:
    response = Client().post(URL, _form())
    assert response.status_code == 302 and response["Location"].endswith("/forslag/konto/")
    assert not Proposal.objects.exists()


def test_it_refuses_an_unverified_resident(db: None) -> None:
    unverified = Resident.objects.create(email="ny@example.se")
    response = signed_in(unverified).post(URL, _form())
    assert response.status_code == 302
    assert not Proposal.objects.exists()


def test_it_takes_a_proposal_with_an_image(resident: Resident, marks: Municipality) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    area = StrategicArea.objects.filter(municipal_plan__municipality=marks).first()
    client = signed_in(resident)
    page = client.get(URL)
    assert page.status_code == 200
    choice = str(area.pk) if area else "annat"
    image = SimpleUploadedFile("park.png", PNG, content_type="image/png")
    response = client.post(URL, _form(area=choice, image=image, alt="En park i kvällsljus"))
    assert response.status_code == 302, response.content.decode()[:2000]
    proposal = Proposal.objects.get()
    assert proposal.state == "submitted" and not proposal.show_name
    assert proposal.area == area
    assert proposal.image.alt == "En park i kvällsljus" and proposal.image.width == 1
    entry = AuditEntry.objects.get(action="proposal_submitted")
    assert entry.changes["resident"] == resident.pk
    assert "anna@example.se" not in str(entry.changes) + entry.object_repr
    # Not published: nobody reads it on the portal yet.
    assert Client().get(f"/oppen/marks/forslag/{proposal.pk}/").status_code == 404


def test_it_refuses_an_image_without_alt_text_or_not_an_image(resident: Resident) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = signed_in(resident)
    response = client.post(URL, _form(image=SimpleUploadedFile("p.png", PNG)))
    assert response.status_code == 200
    assert "Vad bilden visar" in response.content.decode()
    response = client.post(URL, _form(image=SimpleUploadedFile("p.png", b"nope"), alt="x"))
    assert "ingen bild" in response.content.decode()
    assert not Proposal.objects.exists()


def test_it_refuses_a_filled_honeypot_silently(resident: Resident) -> None:
    response = signed_in(resident).post(URL, _form(webbplats="spam"))
    assert response.status_code == 302
    assert not Proposal.objects.exists()


def test_it_keeps_the_name_given_with_the_proposal_out_of_the_audit(resident: Resident) -> None:
    response = signed_in(resident).post(URL, _form(name="Bo Berg", show_name="on"))
    assert response.status_code == 302
    resident.refresh_from_db()
    assert resident.name == "Bo Berg" and Proposal.objects.get().show_name
    entry = AuditEntry.objects.get(action="proposal_submitted")
    assert entry.changes["named"] is True and "Bo Berg" not in str(entry.changes)
