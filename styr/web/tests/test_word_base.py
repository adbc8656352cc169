"""A municipality's own Word base: its administrator uploads a .docx with the municipality's
styles and letterhead, and its Word documents are written on it (a decided version keeps the
base it was decided with); a file that is not a usable .docx is refused with the reason."""

from io import BytesIO

import docx
import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile

from styr.documents.produce import document_for
from styr.documents.render import Format, render
from styr.organisation.models import WordBase
from styr.plans.models import Plan
from styr.web.tests.helpers import client_for, text_of

pytestmark = pytest.mark.django_db

LETTERHEAD = "Marks kommun – Kommunstyrelsens förvaltning"


def _base() -> bytes:
    """A .docx as a municipality's communications office would make one."""
    document = docx.Document()
    document.styles["Normal"].font.name = "Garamond"
    document.sections[0].header.paragraphs[0].text = LETTERHEAD
    document.add_paragraph("Exempeltext som inte ska följa med.")
    out = BytesIO()
    document.save(out)
    return out.getvalue()


def _upload(user: User, plan: Plan, content: bytes, name: str = "brevmall.docx") -> str:
    response = client_for(user).post(
        f"/referensdata/{plan.body.municipality.key}/word/",
        {"file": SimpleUploadedFile(name, content)},
        follow=True,
    )
    return text_of(response)


def test_word_documents_are_written_on_the_municipalitys_base(ks_plan: Plan, db: None) -> None:
    administrator = User.objects.get(username="kommunadmin")
    assert "brevmall.docx är Marks kommuns Word-mall" in _upload(administrator, ks_plan, _base())
    written = docx.Document(BytesIO(render(document_for(ks_plan, "namndplan"), Format.DOCX)))
    assert written.styles["Normal"].font.name == "Garamond"
    assert written.sections[0].header.paragraphs[0].text == LETTERHEAD
    body = "\n".join(p.text for p in written.paragraphs)
    assert "Exempeltext som inte ska följa med." not in body and "Nämndplan 2024" in body
    # Styrby's Word files stay on Styr's own.
    styrby = Plan.objects.get(body__municipality__key="styrby", year=2024)
    other = docx.Document(BytesIO(render(document_for(styrby, "bokslut", "bokslut"), Format.DOCX)))
    assert other.styles["Normal"].font.name != "Garamond"


def test_a_file_that_is_not_a_usable_docx_is_refused(ks_plan: Plan, db: None) -> None:
    administrator = User.objects.get(username="kommunadmin")
    page = _upload(administrator, ks_plan, b"%PDF-1.7 not a docx", "brev.pdf")
    assert "brev.pdf: filen är inte ett Word-dokument (.docx)" in page
    bare = docx.Document()
    bare.styles["List Bullet"].delete()
    out = BytesIO()
    bare.save(out)
    page = _upload(administrator, ks_plan, out.getvalue(), "utan-listor.docx")
    assert "Word-mallen saknar formaten List Bullet" in page
    assert not WordBase.objects.exists()


def test_only_the_administrator_uploads_a_base(editor: User, ks_plan: Plan) -> None:
    response = client_for(editor).post(
        f"/referensdata/{ks_plan.body.municipality.key}/word/",
        {"file": SimpleUploadedFile("mall.docx", _base())},
    )
    assert response.status_code == 403
    assert not WordBase.objects.exists()


def test_a_decided_version_keeps_the_base_it_was_decided_with(ks_plan: Plan, db: None) -> None:
    from datetime import date

    from styr.documents.actions import version_file
    from styr.documents.models import DocumentFile, DocumentVersion
    from styr.organisation.actions import do_remove_word_base
    from styr.plans.actions import do_change_plan_state

    administrator = User.objects.get(username="kommunadmin")
    _upload(administrator, ks_plan, _base())
    do_change_plan_state(
        ks_plan, "adopt", acting_user=None, adopted_on=date(2023, 11, 30), adopted_minute="§ 201"
    )
    do_remove_word_base(ks_plan.body.municipality, acting_user=administrator)
    version = DocumentVersion.objects.get(occasion__plan=ks_plan, template_key="namndplan")
    DocumentFile.objects.filter(version=version).delete()  # written again from the tree
    written = docx.Document(BytesIO(version_file(version, Format.DOCX)))
    assert written.styles["Normal"].font.name == "Garamond"
