"""On the web a decided document is shown and downloaded as it was decided; the draft with
today's data is one click away, and a comparison lists what changed since the decision."""

from datetime import date

import pytest
from django.contrib.auth.models import User

from styr.documents.actions import version_file
from styr.documents.models import DocumentVersion
from styr.documents.render import Format
from styr.plans.actions import do_change_plan_state, do_update_plan_text, fingerprint
from styr.plans.models import Plan
from styr.web.tests.helpers import client_for, text_of

pytestmark = pytest.mark.django_db


def _revised(plan: Plan, editor: User) -> Plan:
    """The adopted plan opened for revision, one chapter text rewritten."""
    plan = do_change_plan_state(plan, "revise", acting_user=editor)
    chapter = plan.texts.get(key="agenda_2030")
    do_update_plan_text(
        plan, chapter.key, "Hållbarhetsprogrammet antogs i december 2023.",
        based_on=fingerprint(chapter.text), acting_user=editor,
    )  # fmt: skip
    return plan


def test_the_adopted_document_is_the_decided_version(reader: User, adopted_plan: Plan) -> None:
    client = client_for(reader)
    page = text_of(client.get(f"/plan/{adopted_plan.pk}/dokument/namndplan/"))
    assert "Version 1, fastställd 2023-11-30 § 201." in page
    assert "Fastställd 2023-11-30, § 201" in page
    version = DocumentVersion.objects.get(occasion__plan=adopted_plan, template_key="namndplan")
    pdf = client.get(f"/plan/{adopted_plan.pk}/dokument/namndplan.pdf")
    assert pdf.content == version_file(version, Format.PDF)
    assert 'filename="ks-namndplan-2024-v1.pdf"' in pdf["Content-Disposition"]


def test_a_plan_under_revision_shows_the_draft_and_what_changed(
    reader: User, editor: User, adopted_plan: Plan
) -> None:
    plan = _revised(adopted_plan, editor)
    client = client_for(reader)
    page = text_of(client.get(f"/plan/{plan.pk}/dokument/namndplan/"))
    assert "Utkast med dagens uppgifter – inte beslutat." in page
    assert "Hållbarhetsprogrammet antogs i december 2023." in page
    decided = text_of(client.get(f"/plan/{plan.pk}/dokument/namndplan/?version=1"))
    assert "Hållbarhetsprogrammet antogs" not in decided
    compared = text_of(client.get(f"/plan/{plan.pk}/dokument/namndplan/jamfor/"))
    assert "Från version 1, fastställd 2023-11-30 § 201 till dagens uppgifter (utkast)" in compared
    assert "Tillagt: Hållbarhetsprogrammet antogs i december 2023." in compared
    assert "Borttaget: Under hösten 2023 tas ett hållbarhetsprogram" in compared
    # The decision line is gone from the draft's title page too: it is not decided.
    assert "Borttaget: Fastställd 2023-11-30, § 201" in compared
    draft = client.get(f"/plan/{plan.pk}/dokument/namndplan.docx?version=utkast")
    assert 'filename="ks-namndplan-2024-utkast.docx"' in draft["Content-Disposition"]


def test_two_decided_versions_compare_and_the_plan_page_lists_them(
    editor: User, adopted_plan: Plan
) -> None:
    plan = _revised(adopted_plan, editor)
    do_change_plan_state(
        plan, "adopt", acting_user=editor, adopted_on=date(2024, 4, 15), adopted_minute="§ 55"
    )
    client = client_for(editor)
    compared = text_of(client.get(f"/plan/{plan.pk}/dokument/namndplan/jamfor/?fran=1&till=2"))
    assert "till version 2, reviderad 2024-04-15 § 55" in compared
    assert "Tillagt: Fastställd 2024-04-15, § 55" in compared
    same = text_of(client.get(f"/plan/{plan.pk}/dokument/namndplan/jamfor/?fran=2&till=utkast"))
    assert "inga skillnader" in same
    plan_page = text_of(client.get(f"/plan/{plan.pk}/"))
    assert "Nämndplan 2024 Fastställd 2024-04-15, § 55 v1 , v2" in plan_page


def test_a_document_without_decisions_has_nothing_to_compare(reader: User, ks_plan: Plan) -> None:
    page = text_of(client_for(reader).get(f"/plan/{ks_plan.pk}/dokument/namndplan/jamfor/"))
    assert "har ingen beslutad version än" in page
    preview = text_of(client_for(reader).get(f"/plan/{ks_plan.pk}/dokument/namndplan/"))
    assert "Utkast – inte fastställt än." in preview


def test_an_unknown_version_is_404(reader: User, adopted_plan: Plan) -> None:
    client = client_for(reader)
    assert client.get(f"/plan/{adopted_plan.pk}/dokument/namndplan/?version=7").status_code == 404
    url = f"/plan/{adopted_plan.pk}/dokument/namndplan/jamfor/?fran=x"
    assert client.get(url).status_code == 404


def test_the_outsider_sees_no_version(outsider: User, adopted_plan: Plan) -> None:
    client = client_for(outsider)
    for url in (
        "dokument/namndplan/?version=1",
        "dokument/namndplan.pdf",
        "dokument/namndplan/jamfor/",
    ):
        assert client.get(f"/plan/{adopted_plan.pk}/{url}").status_code == 404


def test_two_reports_of_one_kind_each_have_their_versions(
    reader: User, editor: User, adopted_plan: Plan
) -> None:
    from styr.plans.actions import do_change_occasion_state
    from styr.plans.models import ReportOccasion

    tertial = ReportOccasion.objects.create(
        plan=adopted_plan, key="tertial1", kind="interim", name="Tertialrapport 1 2024",
        date=date(2024, 4, 30), position=1,
    )  # fmt: skip
    do_change_occasion_state(
        tertial, "adopt", acting_user=editor, adopted_on=date(2024, 5, 20), adopted_minute="§ 40"
    )
    client = client_for(reader)
    page = text_of(
        client.get(f"/plan/{adopted_plan.pk}/dokument/delarsrapport/?tillfalle=tertial1")
    )
    assert "Version 1, fastställd 2024-05-20 § 40." in page and "Tertialrapport 1 2024" in page
    other = text_of(client.get(f"/plan/{adopted_plan.pk}/dokument/delarsrapport/?tillfalle=delar"))
    assert "Utkast – inte fastställt än." in other
    plan_page = client.get(f"/plan/{adopted_plan.pk}/").content.decode()
    assert "delarsrapport/?tillfalle=tertial1&amp;version=1" in plan_page
    missing = client.get(f"/plan/{adopted_plan.pk}/dokument/delarsrapport/?tillfalle=nej")
    assert missing.status_code == 404
