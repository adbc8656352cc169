"""The morning's reminders run as a background job (the worker's schedule): the job sends
what is due and keeps the summary; a server without STYR_BASE_URL fails it with the reason."""

from typing import Any

import pytest
from django.utils import timezone

from styr.plans.models import ReportOccasion
from styr.reminders.tests.conftest import TODAY, Inbox
from styr.tasks.models import Job, JobState
from styr.tasks.queue import enqueue
from styr.tasks.tasks import send_reminders

pytestmark = pytest.mark.django_db


def test_it_sends_the_due_reminders_as_a_job(inbox: Inbox, delar: ReportOccasion) -> None:
    job = enqueue("reminders", {"date": TODAY.isoformat()}, title="Påminnelser", acting_user=None)
    assert job.state == JobState.DONE
    assert job.result["sent"] == 1 and job.result["occasions"] == 1
    assert len(inbox.to("rapportor@marks.example")) == 1
    again = enqueue("reminders", {"date": TODAY.isoformat()}, title="Igen", acting_user=None)
    assert again.result["sent"] == 0 and len(inbox.messages) == 1


def test_the_schedule_queues_todays_reminders(settings: Any) -> None:
    settings.STYR_BASE_URL = ""
    send_reminders(timestamp=0)
    job = Job.objects.get(kind="reminders")
    assert job.params == {"date": timezone.localdate().isoformat()}
    assert job.state == JobState.FAILED and "STYR_BASE_URL" in job.error
