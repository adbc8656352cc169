"""Writing millions of Kolada values fast: a staging table, then one upsert.

Values are first copied into a temporary staging table (PostgreSQL: COPY through psycopg 3;
SQLite: executemany), in chunks, so memory stays flat. A single INSERT … SELECT … ON CONFLICT
then adds new values and updates changed ones, leaving equal ones untouched so that they can be
counted as unchanged. The ORM would need a round trip per row or a whole-file list in memory.
"""

from collections.abc import Sequence
from typing import Any

from django.db import connection

from styr.kolada.models import KoladaValue
from styr.kolada.reader import ValueRow

STAGING = "kolada_staging"
COLUMNS = "kpi_id, area_id, year, gender, value, file_no, record_no"
KEY = "kpi_id, area_id, gender, year"


class Staging:
    """The staging table of one import, inside the import's transaction."""

    def __init__(self) -> None:
        connection.ensure_connection()
        self.vendor = connection.vendor
        self.raw: Any = connection.connection
        self.table = KoladaValue._meta.db_table
        self.rows = 0
        self._temp = "pg_temp" if self.vendor == "postgresql" else "temp"
        with connection.cursor() as cursor:
            # An earlier import in the same outer transaction (a test) may have left one.
            cursor.execute(f"DROP TABLE IF EXISTS {self._temp}.{STAGING}")
            if self.vendor == "postgresql":
                cursor.execute(
                    f'CREATE TEMP TABLE {STAGING} (kpi_id varchar(10) COLLATE "C", '
                    'area_id varchar(4) COLLATE "C", year smallint, '
                    'gender varchar(1) COLLATE "C", value numeric(24, 6), file_no integer, '
                    "record_no integer) ON COMMIT DROP"
                )
            else:
                # "decimal" gives the column the same NUMERIC affinity as the value column,
                # so equal values compare equal after the copy.
                cursor.execute(
                    f"CREATE TEMP TABLE {STAGING} (kpi_id text, area_id text, year integer, "
                    "gender text, value decimal, file_no integer, record_no integer)"
                )

    def add(self, rows: Sequence[ValueRow]) -> None:
        if not rows:
            return
        if self.vendor == "postgresql":
            with (
                self.raw.cursor() as cursor,
                cursor.copy(f"COPY {STAGING} ({COLUMNS}) FROM STDIN") as copy,
            ):
                write = copy.write_row
                for row in rows:
                    write(row)
        else:
            cursor = self.raw.cursor()
            try:
                # Rounded as numeric(24, 6) rounds on PostgreSQL, so a re-import compares equal.
                cursor.executemany(
                    f"INSERT INTO {STAGING} VALUES (?, ?, ?, ?, round(?, 6), ?, ?)", rows
                )
            finally:
                cursor.close()
        self.rows += len(rows)

    def merge(self) -> tuple[int, int]:
        """Upsert the staged values; (added, updated). The rest are unchanged."""
        select = f"SELECT kpi_id, area_id, year, gender, value FROM {STAGING}"
        insert = f"INSERT INTO {self.table} (kpi_id, area_id, year, gender, value)"
        with connection.cursor() as cursor:
            if self.vendor == "postgresql":
                # xmax is 0 on a row version this statement inserted (not on an update).
                cursor.execute(
                    f"WITH merged AS ({insert} {select} ON CONFLICT ({KEY}) DO UPDATE "
                    f"SET value = EXCLUDED.value WHERE {self.table}.value IS DISTINCT FROM "
                    "EXCLUDED.value RETURNING (xmax = 0) AS added) "
                    "SELECT count(*) FILTER (WHERE added), count(*) FILTER (WHERE NOT added) "
                    "FROM merged"
                )
                added, updated = cursor.fetchone() or (0, 0)
                return int(added), int(updated)
            # SQLite has one writer at a time: new rows are exactly those past the highest id.
            cursor.execute(f"SELECT coalesce(max(id), 0) FROM {self.table}")
            (before,) = cursor.fetchone() or (0,)
            cursor.execute(
                f"{insert} {select} WHERE true ON CONFLICT ({KEY}) DO UPDATE "
                f"SET value = excluded.value WHERE {self.table}.value IS NOT excluded.value"
            )
            changed = cursor.rowcount
            cursor.execute(f"SELECT count(*) FROM {self.table} WHERE id > %s", [before])
            (added,) = cursor.fetchone() or (0,)
            return int(added), int(changed) - int(added)

    def drop(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute(f"DROP TABLE IF EXISTS {self._temp}.{STAGING}")
