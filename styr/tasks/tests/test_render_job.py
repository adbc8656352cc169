"""A draft document asked for on the web is made as a background job; its page shows the
job's state after any reload, and only its owner (still a reader of the plan) gets the file."""

import re

import pytest
from django.contrib.auth.models import User

from styr.plans.models import Plan
from styr.tasks.models import Job, JobState
from styr.web.tests.helpers import client_for, text_of

pytestmark = pytest.mark.django_db


def _ask(user: User, plan: Plan, fmt: str = "pdf") -> tuple[int, str]:
    response = client_for(user).post(
        f"/plan/{plan.pk}/dokument/namndplan/skapa/", {"format": fmt, "tillfalle": "plan"}
    )
    return response.status_code, response.get("Location", "")


def test_it_makes_the_pdf_and_offers_it_for_download(reader: User, ks_plan: Plan) -> None:
    status, location = _ask(reader, ks_plan)
    assert status == 302
    job = Job.objects.get()
    assert location == f"/jobb/{job.pk}/"
    client = client_for(reader)
    page = text_of(client.get(location))
    assert "Klar" in page and "Ladda ner ks-namndplan-2024-utkast.pdf" in page
    # The page reads the job from the database: asked again, it says the same.
    assert "Klar" in text_of(client.get(location))
    pdf = client.get(f"/jobb/{job.pk}/fil/")
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    assert job.state == JobState.DONE and job.attempts == 1


def test_it_makes_word_too(editor: User, ks_plan: Plan) -> None:
    _ask(editor, ks_plan, "docx")
    job = Job.objects.get()
    document = client_for(editor).get(f"/jobb/{job.pk}/fil/")
    assert document.content.startswith(b"PK")
    assert "attachment" in document["Content-Disposition"]


def test_it_lists_my_jobs_only(reader: User, editor: User, ks_plan: Plan) -> None:
    _ask(reader, ks_plan)
    _ask(editor, ks_plan, "html")
    mine = text_of(client_for(reader).get("/jobb/"))
    assert "som PDF" in mine and "som HTML" not in mine


def test_it_refuses_an_outsider_to_ask(outsider: User, ks_plan: Plan) -> None:
    status, _ = _ask(outsider, ks_plan)
    assert status == 404
    assert not Job.objects.exists()


def test_it_refuses_someone_elses_job(reader: User, editor: User, ks_plan: Plan) -> None:
    _ask(reader, ks_plan)
    job = Job.objects.get()
    other = client_for(editor)
    for url in (f"/jobb/{job.pk}/", f"/jobb/{job.pk}/status/", f"/jobb/{job.pk}/fil/"):
        assert other.get(url).status_code == 404
    anonymous = client_for(None).get(f"/jobb/{job.pk}/fil/")
    assert anonymous.status_code == 302 and anonymous["Location"].startswith("/login/")


def test_it_refuses_the_file_once_the_owner_lost_the_plan(reader: User, ks_plan: Plan) -> None:
    _ask(reader, ks_plan)
    job = Job.objects.get()
    reader.grants.all().delete()
    assert client_for(reader).get(f"/jobb/{job.pk}/fil/").status_code == 404


def test_it_refuses_an_unknown_format(reader: User, ks_plan: Plan) -> None:
    status, _ = _ask(reader, ks_plan, "exe")
    assert status == 404
    assert not Job.objects.exists()


def test_it_offers_the_draft_as_a_background_job_on_the_document_page(
    reader: User, ks_plan: Plan
) -> None:
    page = client_for(reader).get(f"/plan/{ks_plan.pk}/dokument/namndplan/").content.decode()
    actions = re.findall(r'<form method="post" action="([^"]+)"', page)
    assert f"/plan/{ks_plan.pk}/dokument/namndplan/skapa/" in actions
    assert 'name="format" value="pdf"' in page
