"""Putting work in the background and running it.

Three runners, chosen by the setting TASK_RUNNER:
- "worker" (PostgreSQL's default): the job is deferred to Procrastinate in the same
  transaction that created it, and `styr worker` on any machine runs it. A worker killed
  mid-job leaves its job "doing"; another worker finds it stalled and runs it again.
- "thread" (SQLite's default, `make run`): one thread of the web process runs jobs in turn,
  so the demo stays one command. Jobs still queued when a process stopped are run when the
  next one starts its first job.
- "immediate": the job runs before `enqueue` returns (tests of what a job does).
Every kind of job writes its data in one transaction of its own, so a job stopped half-way
has written nothing and can simply run again.
"""

import logging
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import close_old_connections, connection, transaction
from django.db.models import F
from django.utils import timezone

from styr.tasks.models import Job, JobState

logger = logging.getLogger(__name__)

# A job that fails with an unexpected error this many times is given up on.
MAX_ATTEMPTS = 3


class JobFailed(Exception):
    """An expected failure, with a message for the user (Kolada refused the data, say).
    Running the job again would fail the same way, so it is not retried."""


@dataclass
class Outcome:
    """What a finished job hands back: a summary to show and, for a render, a file."""

    summary: dict[str, Any] = field(default_factory=dict)
    file_name: str = ""
    file_type: str = ""
    file_content: bytes | None = None


@dataclass
class Progress:
    """Reports how far a job has come; each call is its own small write, seen at once by the
    page that shows the job."""

    job_id: int

    def __call__(self, done: int, total: int, text: str = "") -> None:
        Job.objects.filter(pk=self.job_id).update(
            progress_done=done, progress_total=total, progress_text=text[:300]
        )


Work = Callable[[Job, Progress], Outcome]
KINDS: dict[str, Work] = {}


def kind(name: str) -> Callable[[Work], Work]:
    """Registers the function that does one kind of job."""

    def register(work: Work) -> Work:
        KINDS[name] = work
        return work

    return register


def runner() -> str:
    chosen: str = getattr(settings, "TASK_RUNNER", "")
    if chosen:
        return chosen
    return "worker" if connection.vendor == "postgresql" else "thread"


def enqueue(
    kind_name: str,
    params: dict[str, Any],
    *,
    title: str,
    acting_user: AbstractBaseUser | AnonymousUser | None,
) -> Job:
    """Create a job and hand it to the runner; the job exists once the caller's transaction
    commits, and not before."""
    _load_kinds()
    if kind_name not in KINDS:
        raise ValueError(f"unknown job kind {kind_name!r}")
    user = acting_user if acting_user is not None and acting_user.is_authenticated else None
    forget_old_jobs()
    with transaction.atomic():
        job = Job.objects.create(
            kind=kind_name,
            params=params,
            title=title[:300],
            created_by_id=user.pk if user else None,
        )
        how = runner()
        if how == "worker":
            from styr.tasks.tasks import run_job_task

            # Through Django's own connection: the queue entry commits with the job or not at all.
            # Kolada jobs run one at a time (each imports into the same tables).
            lock = "kolada" if kind_name == "kolada_fetch" else None
            run_job_task.configure(lock=lock).defer(job_id=job.pk)
        elif how == "thread":
            transaction.on_commit(lambda: _in_process().submit(_run_in_thread, job.pk))
    if how == "immediate":
        run_job(job.pk)
        job.refresh_from_db()
    return job


def forget_old_jobs() -> int:
    """Files of finished jobs are kept JOB_FILE_DAYS days (the decided documents are kept for
    good elsewhere; these are drafts of the day), the jobs themselves JOB_KEEP_DAYS."""
    now = timezone.now()
    finished = Job.objects.filter(state__in=[JobState.DONE, JobState.FAILED])
    finished.filter(
        finished_at__lt=now - timedelta(days=settings.JOB_FILE_DAYS), file_content__isnull=False
    ).update(file_content=None, file_name="", file_type="")
    deleted, _ = finished.filter(
        finished_at__lt=now - timedelta(days=settings.JOB_KEEP_DAYS)
    ).delete()
    return deleted


def run_job(job_id: int, *, retry_on_error: bool = False, take_over: bool = False) -> None:
    """Run one job. An unexpected error marks it failed, or, with `retry_on_error` (a worker,
    which will run it again), puts it back in the queue and raises.

    The job is claimed by one conditional update, so two runners (two web processes on
    SQLite, a worker and a retry) never both start it. `take_over` also claims a job marked
    running: a worker does so when Procrastinate hands it a stalled worker's job again."""
    _load_kinds()
    claimable = [JobState.QUEUED, JobState.RUNNING] if take_over else [JobState.QUEUED]
    claimed = Job.objects.filter(pk=job_id, state__in=claimable).update(
        state=JobState.RUNNING, attempts=F("attempts") + 1, started_at=timezone.now(), error=""
    )
    if not claimed:
        return
    job = Job.objects.defer("file_content").get(pk=job_id)
    if job.attempts > MAX_ATTEMPTS:
        # Started this often and never finished: it takes its runner down (memory, say).
        _finish(job, JobState.FAILED, error=_gave_up())
        return
    try:
        outcome = KINDS[job.kind](job, Progress(job.pk))
    except JobFailed as failure:
        _finish(job, JobState.FAILED, error=str(failure))
        return
    except Exception:
        logger.exception("job %s (%s) failed on attempt %s", job.pk, job.kind, job.attempts)
        if retry_on_error and job.attempts < MAX_ATTEMPTS:
            Job.objects.filter(pk=job.pk).update(state=JobState.QUEUED)
            raise
        _finish(job, JobState.FAILED, error=_unexpected())
        return
    _finish(job, JobState.DONE, outcome=outcome)


def run_now(kind_name: str, params: dict[str, Any], *, title: str) -> Job:
    """Create a job and run it here and now: the schedules, which already run in a worker.
    The job row commits before it runs, so its page and the admin see it throughout."""
    _load_kinds()
    job = Job.objects.create(kind=kind_name, params=params, title=title[:300])
    run_job(job.pk)
    job.refresh_from_db()
    return job


def _gave_up() -> str:
    from django.utils.translation import gettext

    return gettext(
        "Jobbet avbröts för många gånger innan det blev klart och har getts upp. Kontakta "
        "förvaltningen."
    )


def _unexpected() -> str:
    from django.utils.translation import gettext

    return gettext("Ett oväntat fel inträffade. Försök igen, eller kontakta förvaltningen.")


def _finish(job: Job, state: JobState, *, outcome: Outcome | None = None, error: str = "") -> None:
    fields: dict[str, Any] = {"state": state, "finished_at": timezone.now(), "error": error}
    if outcome is not None:
        fields.update(
            result=outcome.summary,
            file_name=outcome.file_name,
            file_type=outcome.file_type,
            file_content=outcome.file_content,
        )
        if job.progress_total:
            fields["progress_done"] = job.progress_total
    Job.objects.filter(pk=job.pk).update(**fields)


_executor: ThreadPoolExecutor | None = None
_executor_lock = threading.Lock()


def _in_process() -> ThreadPoolExecutor:
    """The web process's own runner, started with its first job. Jobs still queued (a stopped
    process's) run first; whichever process claims one first runs it."""
    global _executor
    with _executor_lock:
        if _executor is None:
            _executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="styr-job")
            queued = Job.objects.filter(state=JobState.QUEUED).order_by("pk")
            left = list(queued.values_list("pk", flat=True))
            for job_id in left:
                _executor.submit(_run_in_thread, job_id)
        return _executor


def _run_in_thread(job_id: int) -> None:
    close_old_connections()
    try:
        run_job(job_id)
    except Exception:
        logger.exception("job %s could not be run", job_id)
    finally:
        close_old_connections()


def _load_kinds() -> None:
    # The kinds register themselves on import; they import the apps they use, which the
    # queue itself must not do at import time.
    from styr.tasks import kinds  # noqa: F401
