"""The decided documents of a public plan, as web pages and as the files kept of them."""

import io
import zipfile

import pytest

from styr.documents.actions import version_file
from styr.documents.models import DocumentVersion
from styr.documents.render import Format
from styr.plans.models import Plan
from styr.portal.tests.conftest import portal_get
from styr.web.tests.helpers import client_for

pytestmark = pytest.mark.django_db


def test_it_serves_the_same_files_as_the_decision(adopted_plan: Plan) -> None:
    version = DocumentVersion.objects.get(occasion__plan=adopted_plan, occasion__key="plan")
    base = f"/oppen/marks/KS/2024/dokument/{version.pk}"
    status, page = portal_get(client_for(None), f"{base}/")
    assert status == 200 and "Version 1, fastställd 2023-11-30 § 201" in page
    pdf = client_for(None).get(f"{base}.pdf", secure=True)
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert pdf.content == version_file(version, Format.PDF)
    docx = client_for(None).get(f"{base}.docx", secure=True)
    assert zipfile.ZipFile(io.BytesIO(docx.content)).testzip() is None
    assert 'filename="ks-namndplan-2024-v1.docx"' in docx["Content-Disposition"]


def test_it_refuses_a_document_of_another_plan_or_format(adopted_plan: Plan) -> None:
    other = DocumentVersion.objects.exclude(occasion__plan=adopted_plan).first()
    assert other is not None
    client = client_for(None)
    base = "/oppen/marks/KS/2024/dokument"
    assert client.get(f"{base}/{other.pk}/", secure=True).status_code == 404
    assert client.get(f"{base}/{other.pk}.pdf", secure=True).status_code == 404
    mine = DocumentVersion.objects.filter(occasion__plan=adopted_plan).first()
    assert mine is not None
    assert client.get(f"{base}/{mine.pk}.exe", secure=True).status_code == 404
