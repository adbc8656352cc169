"""Procrastinate's tables exist only on PostgreSQL: its migrations are PostgreSQL SQL, and on
SQLite Styr runs background work inside the web process (styr.tasks.queue)."""

from typing import Any

from django.db import connections


class ProcrastinateOnPostgres:
    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool | None:
        if app_label == "procrastinate":
            return connections[db].vendor == "postgresql"
        return None
