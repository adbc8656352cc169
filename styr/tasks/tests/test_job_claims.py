"""A job runs once: a runner claims it or leaves it; a job that keeps taking its runner down is
given up on; old drafts' files are not kept for ever; and one user cannot pile jobs up."""

from datetime import timedelta
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from styr.plans.models import Plan
from styr.tasks.models import Job, JobState
from styr.tasks.queue import MAX_ATTEMPTS, forget_old_jobs, run_job
from styr.web.tests.helpers import client_for, text_of

pytestmark = pytest.mark.django_db


def _render_job(plan: Plan, user: User | None = None, **fields: Any) -> Job:
    params = {"plan": plan.pk, "template": "namndplan", "occasion": "plan", "format": "html"}
    return Job.objects.create(kind="render", params=params, title="t", created_by=user, **fields)


def test_a_job_another_runner_is_running_is_left_to_it(ks_plan: Plan) -> None:
    job = _render_job(ks_plan, state=JobState.RUNNING, attempts=1)
    run_job(job.pk)
    job.refresh_from_db()
    assert (job.state, job.attempts, job.file_name) == (JobState.RUNNING, 1, "")
    # Handed out again by the queue (its worker is gone): taken over and finished.
    run_job(job.pk, take_over=True)
    job.refresh_from_db()
    assert (job.state, job.attempts) == (JobState.DONE, 2)
    assert job.file_name == "ks-namndplan-2024-utkast.html"


def test_a_finished_job_is_not_run_again(ks_plan: Plan) -> None:
    job = _render_job(ks_plan)
    run_job(job.pk)
    run_job(job.pk, take_over=True)
    assert Job.objects.get(pk=job.pk).attempts == 1


def test_a_job_started_too_often_is_given_up(ks_plan: Plan) -> None:
    job = _render_job(ks_plan, state=JobState.RUNNING, attempts=MAX_ATTEMPTS)
    run_job(job.pk, take_over=True)
    job.refresh_from_db()
    assert job.state == JobState.FAILED and "för många gånger" in job.error
    assert job.file_name == ""


def test_old_files_and_jobs_are_forgotten(ks_plan: Plan, settings: Any) -> None:
    settings.JOB_FILE_DAYS, settings.JOB_KEEP_DAYS = 7, 90
    recent, old, ancient = (_render_job(ks_plan) for _ in range(3))
    for job in (recent, old, ancient):
        run_job(job.pk)
    now = timezone.now()
    Job.objects.filter(pk=old.pk).update(finished_at=now - timedelta(days=8))
    Job.objects.filter(pk=ancient.pk).update(finished_at=now - timedelta(days=91))
    assert forget_old_jobs() == 1
    assert Job.objects.get(pk=recent.pk).file_content is not None
    old.refresh_from_db()
    assert old.file_content is None and old.file_name == "" and old.state == JobState.DONE
    assert not Job.objects.filter(pk=ancient.pk).exists()


def test_one_user_cannot_pile_jobs_up(reader: User, ks_plan: Plan, settings: Any) -> None:
    settings.JOB_MAX_UNFINISHED = 2
    for _ in range(2):
        _render_job(ks_plan, reader)
    client = client_for(reader)
    response = client.post(f"/plan/{ks_plan.pk}/dokument/namndplan/skapa/", {"format": "pdf"},
                           follow=True)  # fmt: skip
    assert "Du har redan 2 jobb som inte är klara" in text_of(response)
    assert Job.objects.count() == 2


def test_the_page_says_when_no_worker_is_running(
    reader: User, editor: User, ks_plan: Plan, settings: Any
) -> None:
    settings.TASK_RUNNER = "worker"
    job = _render_job(ks_plan, reader)
    client = client_for(reader)
    assert "ingen bakgrundsarbetare" not in text_of(client.get(f"/jobb/{job.pk}/"))
    Job.objects.filter(pk=job.pk).update(created_at=timezone.now() - timedelta(minutes=5))
    assert "ingen bakgrundsarbetare (styr worker) är igång" in text_of(
        client.get(f"/jobb/{job.pk}/status/")
    )
    assert client_for(editor).get(f"/jobb/{job.pk}/status/").status_code == 404
