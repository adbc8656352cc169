"""A workbook that unpacks to far more than any Styr workbook (a small upload inflating to
hundreds of megabytes) is refused before it is unpacked, with the reason, and nothing is
written; a reader uploading one on the web is refused before that."""

import zipfile
from io import BytesIO

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile

from styr.excel.read import MAX_UNPACKED, read_workbook
from styr.excel.tests.helpers import exported, snapshot
from styr.plans.models import Plan
from styr.web.tests.helpers import client_for, text_of

pytestmark = pytest.mark.django_db


def _inflating(data: bytes) -> bytes:
    """The exported workbook with one extra part of zeros, larger unpacked than the limit."""
    out = BytesIO(data)
    block = bytes(1024 * 1024)
    with (
        zipfile.ZipFile(out, "a", compression=zipfile.ZIP_DEFLATED) as archive,
        archive.open("xl/media/zeros.bin", "w", force_zip64=True) as part,
    ):
        for _ in range(MAX_UNPACKED // len(block) + 1):
            part.write(block)
    return out.getvalue()


def test_it_refuses_a_workbook_that_inflates_past_the_limit(ks_plan: Plan) -> None:
    data = _inflating(exported(ks_plan))
    assert len(data) < 2 * 1024 * 1024  # small as uploaded
    before = snapshot()
    errors = [str(e) for e in read_workbook(data, plan=ks_plan, name="stor.xlsx").errors]
    assert len(errors) == 1 and "stor.xlsx packas upp till 201 MiB" in errors[0]
    assert snapshot() == before


def test_on_the_web_the_editor_gets_the_reason_and_a_reader_is_refused(
    editor: User, reader: User, ks_plan: Plan
) -> None:
    data = _inflating(exported(ks_plan))
    url = f"/plan/{ks_plan.pk}/excel/granska/"
    response = client_for(editor).post(url, {"workbook": SimpleUploadedFile("stor.xlsx", data)})
    assert response.status_code == 400 and "packas upp till 201 MiB" in text_of(response)
    refused = client_for(reader).post(url, {"workbook": SimpleUploadedFile("stor.xlsx", data)})
    assert refused.status_code == 403
