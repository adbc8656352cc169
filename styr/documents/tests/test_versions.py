"""A decided document is frozen: the same file later, whatever happens to the data."""

from datetime import date
from io import StringIO
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command

from styr.audit.models import AuditEntry
from styr.documents.actions import version_file
from styr.documents.models import DocumentFile, DocumentVersion
from styr.documents.render import Format
from styr.documents.tests.helpers import pdf_text
from styr.indicators.actions import do_change_indicator
from styr.plans.actions import do_change_plan_state, do_update_plan_text, fingerprint
from styr.plans.copying import do_copy_plan_to_next_year
from styr.plans.models import Plan

INDICATOR = "Antal nya bostäder i kommunen"


def _render(*args: str) -> str:
    out = StringIO()
    call_command("render", *args, stdout=out)
    return out.getvalue()


def _namndplan(plan: Plan) -> DocumentVersion:
    return DocumentVersion.objects.get(occasion__plan=plan, template_key="namndplan", number=1)


def test_adopting_the_plan_freezes_its_document(adopted_plan: Plan) -> None:
    version = _namndplan(adopted_plan)
    assert (version.kind, version.decided_on, version.minute) == (
        "adopted", date(2023, 11, 30), "§ 201",
    )  # fmt: skip
    assert version.occasion.key == "plan" and version.title == "Nämndplan 2024"
    assert "Fastställd 2023-11-30, § 201" in pdf_text(version_file(version, Format.PDF))
    entry = AuditEntry.objects.get(action="document_frozen", object_id=str(version.pk))
    assert entry.changes["minute"] == "§ 201"
    # Only the plan's own documents are decided with it; the reports wait for theirs.
    assert (
        not DocumentVersion.objects.filter(occasion__plan=adopted_plan)
        .exclude(occasion__key="plan")
        .exists()
    )


def test_a_draft_has_no_decided_version(ks_plan: Plan) -> None:
    assert not DocumentVersion.objects.filter(occasion__plan=ks_plan).exists()


@pytest.mark.parametrize("format", list(Format))
def test_a_version_is_written_the_same_every_time(adopted_plan: Plan, format: Format) -> None:
    version = _namndplan(adopted_plan)
    first = version_file(version, format)
    assert version_file(version, format) == first
    # Written again from the frozen tree, not from the kept file: the same bytes.
    DocumentFile.objects.filter(version=version).delete()
    assert version_file(version, format) == first


def test_renaming_an_indicator_next_year_leaves_the_adopted_pdf_byte_identical(
    adopted_plan: Plan, editor: User, tmp_path: Path
) -> None:
    before, after, draft = tmp_path / "before.pdf", tmp_path / "after.pdf", tmp_path / "now.pdf"
    args = ["namndplan", "--body", "KS", "--year", "2024", "--format", "pdf"]
    assert "version 1, fastställd 2023-11-30 § 201" in _render(*args, "-o", str(before))
    # Nothing was kept yet: the next write is made from the frozen tree too.
    DocumentFile.objects.all().delete()
    next_year = do_copy_plan_to_next_year(adopted_plan, acting_user=editor)
    indicator = next_year.body.indicators.get(name=INDICATOR)
    do_change_indicator(
        indicator, {"name": "Framtidstro bland invånarna"}, plan=next_year, acting_user=editor
    )
    _render(*args, "-o", str(after))
    assert after.read_bytes() == before.read_bytes()
    assert INDICATOR in pdf_text(after.read_bytes())
    # The data did change: the document written from it now has the new name.
    _render(*args, "--draft", "-o", str(draft))
    assert "Framtidstro bland invånarna" in pdf_text(draft.read_bytes())


def test_a_revision_is_the_next_version_and_the_first_stays(
    adopted_plan: Plan, editor: User
) -> None:
    plan = do_change_plan_state(adopted_plan, "revise", acting_user=editor)
    assert plan.state == "draft"
    chapter = plan.texts.get(key="agenda_2030")
    do_update_plan_text(
        plan, chapter.key, "Reviderad text om Agenda 2030.",
        based_on=fingerprint(chapter.text), acting_user=editor,
    )  # fmt: skip
    plan = do_change_plan_state(
        plan, "adopt", acting_user=editor, adopted_on=date(2024, 4, 15), adopted_minute="§ 55"
    )
    first, second = DocumentVersion.objects.filter(
        occasion__plan=plan, template_key="namndplan"
    ).order_by("number")
    assert (second.number, second.kind, second.minute) == (2, "revision", "§ 55")
    assert "Reviderad text om Agenda 2030." in pdf_text(version_file(second, Format.PDF))
    old = pdf_text(version_file(first, Format.PDF))
    assert "Reviderad text" not in old and "Fastställd 2023-11-30, § 201" in old
    assert AuditEntry.objects.filter(action="plan_revise", object_id=str(plan.pk)).exists()


def test_render_names_a_version_that_does_not_exist(adopted_plan: Plan, tmp_path: Path) -> None:
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match=r"no decided version 3 of namndplan \(versions: 1\)"):
        _render("namndplan", "--body", "KS", "--year", "2024", "--decided", "3",
                "--format", "pdf", "-o", str(tmp_path / "x.pdf"))  # fmt: skip


def test_a_plan_adopted_before_versions_existed_is_frozen_by_command(adopted_plan: Plan) -> None:
    DocumentVersion.objects.filter(occasion__plan=adopted_plan).delete()
    out = StringIO()
    call_command("plan", "freeze", "--body", "KS", "--year", "2024", stdout=out)
    assert "Nämndplan 2024: version 1, fastställd 2023-11-30 § 201" in out.getvalue()
    out = StringIO()
    call_command("plan", "freeze", "--body", "KS", "--year", "2024", stdout=out)
    assert "alla beslutade dokument har redan sin version" in out.getvalue()


def test_a_plan_file_of_an_adopted_plan_arrives_with_its_version(
    adopted_plan: Plan, tmp_path: Path
) -> None:
    from styr.planfiles.actions import do_import_plan_files
    from styr.planfiles.tests.helpers import export_files

    files = list(export_files(adopted_plan, tmp_path))
    DocumentVersion.objects.filter(occasion__plan=adopted_plan).delete()
    adopted_plan.delete()
    [plan] = do_import_plan_files(files, acting_user=None).plans
    assert plan.state == "adopted"
    version = _namndplan(plan)
    assert (version.decided_on, version.minute) == (date(2023, 11, 30), "§ 201")
