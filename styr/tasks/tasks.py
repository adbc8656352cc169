"""Procrastinate's tasks (found by its Django app under this module name): run a job, the
schedules, and giving stalled jobs to a live worker."""

from typing import Any

from django.db import close_old_connections, connection
from django.utils import timezone
from procrastinate import JobContext, RetryStrategy
from procrastinate.contrib.django import app

from styr.tasks.queue import run_job

QUEUE = "styr"


def _fresh_connection() -> None:
    """A worker thread's connection may have gone stale between jobs; drop it if so. Never
    inside a transaction (a caller's own, or a test's), where it would close that one."""
    if not connection.in_atomic_block:
        close_old_connections()


# An unexpected error is tried again after a pause; run_job gives up after MAX_ATTEMPTS.
@app.task(
    name="styr.run_job",
    queue=QUEUE,
    retry=RetryStrategy(max_attempts=2, wait=10),
    pass_context=True,
)
def run_job_task(context: JobContext, job_id: int) -> None:
    _fresh_connection()
    try:
        # Handed out again (a stalled worker's job, a retry): the job may be marked running.
        again = bool(context.job and context.job.attempts)
        run_job(job_id, retry_on_error=True, take_over=again)
    finally:
        _fresh_connection()


def nightly_kolada(timestamp: int) -> None:
    """Every night: fetch from Kolada what the linked indicators need (styr.tasks.kinds)."""
    from styr.tasks.queue import run_now

    _fresh_connection()
    run_now("kolada_fetch", {}, title="Nattlig hämtning från Kolada")


def send_reminders(timestamp: int) -> None:
    """Every morning: remind reporters of what is due (styr.tasks.kinds)."""
    from styr.tasks.queue import run_now

    _fresh_connection()
    today = timezone.localdate().isoformat()
    run_now("reminders", {"date": today}, title=f"Påminnelser {today}")


def purge_residents(timestamp: int) -> None:
    """Every night: erase residents past the retention period (styr.tasks.kinds)."""
    from styr.tasks.queue import run_now

    _fresh_connection()
    run_now("proposals_purge", {}, title="Gallring av invånare i e-förslag")


# Registered by call on an untyped app: mypy 1.18 crashes checking Procrastinate's typing of
# `periodic` (an internal error, not a finding).
_app: Any = app
_app.periodic(cron="0 2 * * *", periodic_id="nightly-kolada")(
    _app.task(name="styr.nightly_kolada", queue=QUEUE, queueing_lock="nightly-kolada")(
        nightly_kolada
    )
)
_app.periodic(cron="0 6 * * *", periodic_id="reminders")(
    _app.task(name="styr.reminders", queue=QUEUE, queueing_lock="reminders")(send_reminders)
)
_app.periodic(cron="30 2 * * *", periodic_id="proposals-purge")(
    _app.task(name="styr.proposals_purge", queue=QUEUE, queueing_lock="proposals-purge")(
        purge_residents
    )
)


def schedules() -> list[dict[str, Any]]:
    """The schedules, as the worker command lists them when it starts."""
    return [
        {"task": "styr.nightly_kolada", "cron": "0 2 * * *"},
        {"task": "styr.reminders", "cron": "0 6 * * *"},
        {"task": "styr.proposals_purge", "cron": "30 2 * * *"},
    ]
