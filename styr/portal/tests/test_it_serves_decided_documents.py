"""The decided documents of a public plan, in their public edition, as web pages and as the files
kept of them."""

import io
import zipfile

import pytest
from django.contrib.auth.models import User

from styr.documents.actions import version_file
from styr.documents.models import DocumentVersion
from styr.documents.render import Format
from styr.documents.tests.helpers import docx_text, pdf_text
from styr.plans.models import Plan
from styr.portal.tests.conftest import portal_get
from styr.web.tests.helpers import client_for

pytestmark = pytest.mark.django_db

PLAN = "/oppen/marks/KS/2024/"


def test_it_serves_the_public_edition_of_the_decision(adopted_plan: Plan) -> None:
    version = DocumentVersion.objects.get(occasion__plan=adopted_plan, occasion__key="plan")
    base = f"{PLAN}dokument/{version.pk}"
    client = client_for(None)
    status, plan_page = portal_get(client, PLAN)
    assert status == 200 and "Beslutade dokument" in plan_page and version.title in plan_page
    status, page = portal_get(client, f"{base}/")
    assert status == 200 and "Version 1, fastställd 2023-11-30 § 201" in page
    assert "Offentlig utgåva" in page and "Internkontrollplan" not in page
    pdf = client.get(f"{base}.pdf", secure=True)
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert pdf.content == version_file(version, Format.PDF, public=True)
    assert pdf.content != version_file(version, Format.PDF)
    assert "Internkontrollplan" not in pdf_text(pdf.content)
    docx = client.get(f"{base}.docx", secure=True)
    assert zipfile.ZipFile(io.BytesIO(docx.content)).testzip() is None
    assert "Internkontrollplan" not in docx_text(docx.content)
    assert 'filename="ks-namndplan-2024-v1.docx"' in docx["Content-Disposition"]


def test_it_offers_no_file_of_a_version_without_a_public_edition(adopted_plan: Plan) -> None:
    """A version decided before Styr kept a public edition prints internal content: it is
    neither listed nor served."""
    version = DocumentVersion.objects.get(occasion__plan=adopted_plan, occasion__key="plan")
    DocumentVersion.objects.filter(pk=version.pk).update(public_tree=None)
    client = client_for(None)
    status, page = portal_get(client, PLAN)
    assert status == 200 and "Beslutade dokument" not in page
    for path in (f"{PLAN}dokument/{version.pk}/", f"{PLAN}dokument/{version.pk}.pdf"):
        assert client.get(path, secure=True).status_code == 404


def test_it_refuses_a_document_of_another_plan_or_format(adopted_plan: Plan) -> None:
    other = DocumentVersion.objects.exclude(occasion__plan=adopted_plan).first()
    assert other is not None
    client = client_for(None)
    assert client.get(f"{PLAN}dokument/{other.pk}/", secure=True).status_code == 404
    assert client.get(f"{PLAN}dokument/{other.pk}.pdf", secure=True).status_code == 404
    mine = DocumentVersion.objects.filter(occasion__plan=adopted_plan).first()
    assert mine is not None
    assert client.get(f"{PLAN}dokument/{mine.pk}.exe", secure=True).status_code == 404


def test_it_refuses_the_documents_of_a_plan_not_public(ks_plan: Plan, editor: User) -> None:
    """A draft has no decided version, and a version of a plan that is no longer public (sent
    back to draft for revision) is not served under the draft's address either."""
    other = DocumentVersion.objects.filter(occasion__plan__body__code="KS").first()
    for user in (None, editor):  # the plan's own editor reads them in the workspace
        client = client_for(user)
        assert client.get(f"{PLAN}dokument/1/", secure=True).status_code == 404
        if other is not None:
            assert client.get(f"{PLAN}dokument/{other.pk}.pdf", secure=True).status_code == 404


def test_it_withdraws_a_document_that_printed_what_is_marked_not_public_since(
    adopted_plan: Plan, editor: User
) -> None:
    """An indicator is shared with next year's draft, where it can be marked not public: the
    adopted plan's public edition printed it, so it is withdrawn at once, and back when the
    mark is lifted."""
    from styr.indicators.actions import do_change_indicator
    from styr.plans.copying import do_copy_plan_to_next_year

    version = DocumentVersion.objects.get(occasion__plan=adopted_plan, occasion__key="plan")
    indicator = adopted_plan.goals.filter(indicators__isnull=False).order_by("position")[0]
    shown = indicator.indicators.order_by("goalindicator__position")[0]
    assert shown.pk in version.public_items["indicators"]
    next_year = do_copy_plan_to_next_year(adopted_plan, acting_user=editor)
    do_change_indicator(shown, {"public": False}, plan=next_year, acting_user=editor)
    client = client_for(None)
    status, page = portal_get(client, PLAN)
    assert status == 200 and "Beslutade dokument" not in page
    assert client.get(f"{PLAN}dokument/{version.pk}.pdf", secure=True).status_code == 404
    shown.refresh_from_db()
    do_change_indicator(shown, {"public": True}, plan=next_year, acting_user=editor)
    assert client.get(f"{PLAN}dokument/{version.pk}.pdf", secure=True).status_code == 200
