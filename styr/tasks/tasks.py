"""Procrastinate's tasks (found by its Django app under this module name): run a job, the
schedules, and giving stalled jobs to a live worker."""

from typing import Any

from django.db import close_old_connections
from django.utils import timezone
from procrastinate import RetryStrategy
from procrastinate.contrib.django import app

from styr.tasks.queue import run_job

QUEUE = "styr"


# An unexpected error is tried again after a pause; run_job gives up after MAX_ATTEMPTS.
@app.task(name="styr.run_job", queue=QUEUE, retry=RetryStrategy(max_attempts=2, wait=10))
def run_job_task(job_id: int) -> None:
    close_old_connections()
    try:
        run_job(job_id, retry_on_error=True)
    finally:
        close_old_connections()


def nightly_kolada(timestamp: int) -> None:
    """Every night: fetch from Kolada what the linked indicators need (styr.tasks.kinds)."""
    from styr.tasks.queue import enqueue

    close_old_connections()
    enqueue("kolada_fetch", {}, title="Nattlig hämtning från Kolada", acting_user=None)


def send_reminders(timestamp: int) -> None:
    """Every morning: remind reporters of what is due (styr.tasks.kinds)."""
    from styr.tasks.queue import enqueue

    close_old_connections()
    today = timezone.localdate().isoformat()
    enqueue("reminders", {"date": today}, title=f"Påminnelser {today}", acting_user=None)


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


def schedules() -> list[dict[str, Any]]:
    """The schedules, as the worker command lists them when it starts."""
    return [
        {"task": "styr.nightly_kolada", "cron": "0 2 * * *"},
        {"task": "styr.reminders", "cron": "0 6 * * *"},
    ]
