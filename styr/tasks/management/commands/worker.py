"""`styr worker`: runs background jobs from the PostgreSQL queue, on this machine or any other
that reaches the same database. Start as many as there is work for."""

import asyncio
import logging
import os
from typing import Any

from django.core.management.base import CommandError, CommandParser
from django.db import connection
from procrastinate import App
from procrastinate.contrib.django import app as django_app

from styr.core.commands import StyrCommand
from styr.env import env_float, env_int
from styr.tasks.tasks import QUEUE

logger = logging.getLogger("styr.tasks")


async def retry_stalled(app: App, *, seconds: float) -> int:
    """Jobs whose worker stopped sending heartbeats (killed, its machine gone) go back in the
    queue; each job writes in one transaction, so running it again is safe."""
    stalled = list(await app.job_manager.get_stalled_jobs(seconds_since_heartbeat=seconds))
    for job in stalled:
        await app.job_manager.retry_job(job)
        logger.warning("job %s of a stalled worker put back in the queue", job.id)
    return len(stalled)


async def _retry_stalled_forever(app: App, *, every: float, seconds: float) -> None:
    while True:
        try:
            await retry_stalled(app, seconds=seconds)
        except Exception:  # the next round tries again; a worker must not stop for this
            logger.exception("looking for stalled jobs failed")
        await asyncio.sleep(every)


async def _work(app: App, *, concurrency: int, heartbeat: float, stalled: float) -> None:
    async with app.open_async():
        watcher = asyncio.create_task(_retry_stalled_forever(app, every=heartbeat, seconds=stalled))
        try:
            await app.run_worker_async(
                queues=[QUEUE],
                concurrency=concurrency,
                name=f"styr-{os.uname().nodename}-{os.getpid()}",
                update_heartbeat_interval=heartbeat,
                stalled_worker_timeout=stalled,
                delete_jobs="successful",
            )
        finally:
            watcher.cancel()


class Command(StyrCommand):
    help = (
        "Run background jobs (renders, Kolada fetches, reminders, the nightly schedules) from "
        "the PostgreSQL queue until stopped (Ctrl-C or SIGTERM finishes the running job first)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--concurrency",
            type=int,
            default=env_int("WORKER_CONCURRENCY", 1),
            help="Jobs run at once by this worker (default: WORKER_CONCURRENCY or 1).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if connection.vendor != "postgresql":
            raise CommandError(
                "styr worker needs PostgreSQL (DATABASE_URL=postgresql://…). On SQLite the web "
                "process runs background jobs itself; no worker is needed."
            )
        # Seconds between heartbeats, and without one before another worker takes the job.
        heartbeat = env_float("WORKER_HEARTBEAT_SECONDS", 10.0)
        stalled = env_float("WORKER_STALLED_SECONDS", 60.0)
        worker_connector = django_app.connector.get_worker_connector()  # type: ignore[attr-defined]
        with django_app.replace_connector(worker_connector) as app:
            self.stdout.write(f"styr worker: queue {QUEUE}, {options['concurrency']} at a time")
            asyncio.run(
                _work(app, concurrency=options["concurrency"], heartbeat=heartbeat, stalled=stalled)
            )
