"""A confirmed Excel import runs as a background job, from the workbook kept in the database,
as the editor who confirmed it: its page says what was read in, and rights lost meanwhile
stop it with nothing written."""

import pytest
from django.contrib.auth.models import User

from styr.access.models import Grant
from styr.excel.models import PendingWorkbook
from styr.excel.read import read_workbook
from styr.excel.tests.helpers import cell_of, edited, exported, snapshot
from styr.plans.models import Plan
from styr.tasks.models import Job, JobState
from styr.tasks.queue import enqueue
from styr.web.tests.helpers import client_for, text_of

pytestmark = pytest.mark.django_db


def _pending(plan: Plan, editor: User) -> tuple[PendingWorkbook, str]:
    data = exported(plan)
    cell = cell_of(data, "Indikatorer", "behoriga-yrkesprogram", "Utfall 2023")
    content = edited(data, lambda book: book["Indikatorer"].__setitem__(cell, 84.5))
    digest = read_workbook(content, plan=plan, name="ks.xlsx").digest()
    pending = PendingWorkbook.objects.create(
        key="k" * 32, plan=plan, uploaded_by=editor, name="ks.xlsx", content=content
    )
    return pending, digest


def test_its_page_says_what_was_read_in(editor: User, ks_plan: Plan) -> None:
    pending, digest = _pending(ks_plan, editor)
    job = enqueue("excel_import", {"pending": pending.key, "plan": ks_plan.pk, "digest": digest},
                  title="Excel", acting_user=editor)  # fmt: skip
    assert job.state == JobState.DONE
    page = text_of(client_for(editor).get(f"/jobb/{job.pk}/"))
    assert "1 ändrade celler lästes in från Excel (Indikatorer 1)." in page
    assert not PendingWorkbook.objects.exists()


def test_it_stops_when_the_editor_lost_the_right_to_edit(editor: User, ks_plan: Plan) -> None:
    pending, digest = _pending(ks_plan, editor)
    Grant.objects.filter(user=editor).update(role="reader")
    before = snapshot()
    job = enqueue("excel_import", {"pending": pending.key, "plan": ks_plan.pk, "digest": digest},
                  title="Excel", acting_user=editor)  # fmt: skip
    assert job.state == JobState.FAILED
    assert job.error == "Du får inte längre ändra den här planen."
    assert snapshot() == before


def test_another_users_workbook_is_not_found(editor: User, outsider: User, ks_plan: Plan) -> None:
    pending, digest = _pending(ks_plan, editor)
    job = enqueue("excel_import", {"pending": pending.key, "plan": ks_plan.pk, "digest": digest},
                  title="Excel", acting_user=outsider)  # fmt: skip
    assert job.state == JobState.FAILED and "finns inte längre" in job.error
    assert Job.objects.get(pk=job.pk).created_by == outsider
    assert PendingWorkbook.objects.filter(pk=pending.pk).exists()
