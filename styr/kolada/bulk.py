"""Writing millions of Kolada values fast: COPY into a staging table, then a merge.

PostgreSQL: values are copied in chunks as one text block each (building the COPY text in one
join costs a fraction of psycopg's per-row write_row). When the value table is empty (the first
import) they are copied straight into it: the reader has refused any key given twice, so every
row is new and no merge is needed. Otherwise they go to a temporary staging table, and the merge
is one MERGE (PostgreSQL 15 and later), or an UPDATE of the values that differ and an INSERT of
the keys that are missing: hash joins over the whole staging table (an INSERT … ON CONFLICT
probes the primary key's index once per row, and was about three times slower on a re-import;
merging chunk by chunk, 50,000 staged values at a time, was twice as slow as one merge).

SQLite: executemany straight into the empty value table on a first import; otherwise into a
temporary table, then one INSERT … ON CONFLICT.

Keys Kolada withdraws (null or deleted values) are written to a temporary table chunk by chunk,
as the values are, so memory does not grow with them; a first import skips them (there is
nothing stored to withdraw).
"""

from typing import Any

from django.db import connection

from styr.kolada.models import KoladaChange, KoladaValue
from styr.kolada.reader import ValueRow
from styr.kolada.records import Key

STAGING = "kolada_staging"
WITHDRAWN = "kolada_withdrawn"
COLUMNS = "kpi_id, area_id, year, gender, value"
WITHDRAWN_COLUMNS = "kpi_id, area_id, year, gender"
KEY = "kpi_id, area_id, gender, year"
# Each merge join hashes a few million short rows: in memory it stays one pass.
MERGE_WORK_MEM = "256MB"


class Staging:
    """Where one import's values go before the merge, inside the import's transaction."""

    def __init__(self) -> None:
        connection.ensure_connection()
        self.vendor = connection.vendor
        self.raw: Any = connection.connection
        self.table = KoladaValue._meta.db_table
        self.rows = 0
        self.direct = False
        # Whether the store was empty before this import (known after record_changes).
        self.first = False
        # Keys Kolada gives as null or deleted, written to the WITHDRAWN table as they come:
        # removed after the merge unless this import also gives them a number.
        self.withdrawn = 0
        self._temp = "pg_temp" if self.vendor == "postgresql" else "temp"
        with connection.cursor() as cursor:
            # An earlier import in the same outer transaction (a test) may have left them.
            cursor.execute(f"DROP TABLE IF EXISTS {self._temp}.{STAGING}")
            cursor.execute(f"DROP TABLE IF EXISTS {self._temp}.{WITHDRAWN}")
            if self.vendor == "postgresql":
                # One import at a time (this mode conflicts with itself, not with readers): a
                # second one waits, and then sees the first one's rows when it decides below.
                cursor.execute(f"LOCK TABLE {self.table} IN SHARE ROW EXCLUSIVE MODE")
                cursor.execute(f"SELECT NOT EXISTS (SELECT 1 FROM {self.table})")
                (empty,) = cursor.fetchone() or (False,)
                self.direct = bool(empty)
                cursor.execute(f"SET LOCAL work_mem = '{MERGE_WORK_MEM}'")
                cursor.execute(
                    f'CREATE TEMP TABLE {STAGING} (kpi_id varchar(10) COLLATE "C", '
                    'area_id varchar(4) COLLATE "C", year smallint, '
                    'gender varchar(1) COLLATE "C", value double precision) ON COMMIT DROP'
                )
            else:
                # SQLite has one writer at a time, and this transaction's read keeps what it
                # read true until it writes (a writer between would make that write fail): an
                # empty store stays empty until the values are inserted.
                cursor.execute(f"SELECT NOT EXISTS (SELECT 1 FROM {self.table})")
                (empty,) = cursor.fetchone() or (False,)
                self.direct = bool(empty)
                # "real" gives the column the same REAL affinity as the value column, so
                # equal values compare equal after the copy.
                cursor.execute(
                    f"CREATE TEMP TABLE {STAGING} (kpi_id text, area_id text, year integer, "
                    "gender text, value real)"
                )

    def add(self, payload: bytes | list[ValueRow], rows: int) -> None:
        """`rows` values: binary COPY on PostgreSQL (see pgcopy), rows on SQLite."""
        if not rows:
            return
        if isinstance(payload, bytes):
            target = self.table if self.direct else STAGING
            with (
                self.raw.cursor() as cursor,
                cursor.copy(f"COPY {target} ({COLUMNS}) FROM STDIN (FORMAT BINARY)") as copy,
            ):
                copy.write(payload)
        else:
            target = self.table if self.direct else STAGING
            cursor = self.raw.cursor()
            try:
                cursor.executemany(
                    f"INSERT INTO {target} ({COLUMNS}) VALUES (?, ?, ?, ?, ?)", payload
                )
            finally:
                cursor.close()
        self.rows += rows

    @property
    def wants_withdrawals(self) -> bool:
        """Whether the keys Kolada withdraws are needed: not on a first import."""
        return not self.direct

    def withdraw(self, keys: bytes | list[Key] | None, count: int) -> None:
        """`count` keys Kolada gives as null or deleted: binary COPY on PostgreSQL, tuples on
        SQLite."""
        if not keys or self.direct:
            return  # a first import stored nothing before: nothing to withdraw
        if not self.withdrawn:
            with connection.cursor() as cursor:
                # The year a smallint, as in the staging table: binary COPY needs the type.
                cursor.execute(
                    f"CREATE TEMP TABLE {WITHDRAWN} (kpi_id varchar(10), area_id varchar(4), "
                    "year smallint, gender varchar(1))"
                )
        if isinstance(keys, bytes):
            with (
                self.raw.cursor() as cursor,
                cursor.copy(
                    f"COPY {WITHDRAWN} ({WITHDRAWN_COLUMNS}) FROM STDIN (FORMAT BINARY)"
                ) as copy,
            ):
                copy.write(keys)
        else:
            cursor = self.raw.cursor()
            try:
                cursor.executemany(f"INSERT INTO {WITHDRAWN} VALUES (?, ?, ?, ?)", keys)
            finally:
                cursor.close()
        self.withdrawn += count

    def _merge_statement(self, cursor: Any, same_key: str) -> tuple[int, int]:
        """PostgreSQL 15 and later: one MERGE, a single hash join (UPDATE and then INSERT are
        two), which does not say which rows it added: the row counts before and after do."""
        count = f"SELECT count(*) FROM {self.table}"
        cursor.execute(count)
        (before,) = cursor.fetchone()
        cursor.execute(
            f"MERGE INTO {self.table} AS t USING {STAGING} AS s ON {same_key} "
            "WHEN MATCHED AND t.value IS DISTINCT FROM s.value THEN UPDATE SET value = s.value "
            f"WHEN NOT MATCHED THEN INSERT ({COLUMNS}) "
            "VALUES (s.kpi_id, s.area_id, s.year, s.gender, s.value)"
        )
        changed = cursor.rowcount
        cursor.execute(count)
        (after,) = cursor.fetchone()
        added = int(after) - int(before)
        return added, int(changed) - added

    def record_changes(self, entry_id: int) -> None:
        """Before the merge: each staged value that adds or changes a stored one, as a row of
        the import's change set (old and new value). A first import records none."""
        if self.direct:
            self.first = True  # the values were copied straight into the empty store
            return
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT NOT EXISTS (SELECT 1 FROM {self.table})")
            (empty,) = cursor.fetchone() or (False,)
        self.first = bool(empty)
        if self.first:
            return
        same_key = " AND ".join(f"t.{c} = s.{c}" for c in KEY.split(", "))
        distinct = "IS DISTINCT FROM" if self.vendor == "postgresql" else "IS NOT"
        with connection.cursor() as cursor:
            if self.vendor == "postgresql":
                cursor.execute(f"ANALYZE {STAGING}")  # hash joins, as for the merge
            cursor.execute(
                f"INSERT INTO {KoladaChange._meta.db_table} "
                "(entry_id, kpi_id, area_id, year, gender, old, new) "
                "SELECT %s, s.kpi_id, s.area_id, s.year, s.gender, t.value, s.value "
                f"FROM {STAGING} AS s LEFT JOIN {self.table} AS t ON {same_key} "
                f"WHERE t.value {distinct} s.value",
                [entry_id],
            )

    def merge(self) -> tuple[int, int]:
        """Upsert the staged values; (added, updated). The rest are unchanged."""
        if self.direct:
            return self.rows, 0
        select = f"SELECT kpi_id, area_id, year, gender, value FROM {STAGING}"
        insert = f"INSERT INTO {self.table} (kpi_id, area_id, year, gender, value)"
        same_key = " AND ".join(f"t.{c} = s.{c}" for c in KEY.split(", "))
        with connection.cursor() as cursor:
            if self.vendor == "postgresql":
                # Without statistics the planner guesses the staging table small and sorts
                # both sides for a merge join; a sample makes it choose hash joins.
                cursor.execute(f"ANALYZE {STAGING}")
                if connection.pg_version >= 150000:  # type: ignore[attr-defined]
                    return self._merge_statement(cursor, same_key)
                cursor.execute(
                    f"UPDATE {self.table} AS t SET value = s.value FROM {STAGING} AS s "
                    f"WHERE {same_key} AND t.value IS DISTINCT FROM s.value"
                )
                updated = cursor.rowcount
                # The planner sorts both sides for the anti-join (a merge join), which took
                # five times as long as a hash anti-join on a re-import of a million values.
                cursor.execute("SET LOCAL enable_mergejoin = off")
                cursor.execute(
                    f"{insert} {select} AS s WHERE NOT EXISTS "
                    f"(SELECT 1 FROM {self.table} AS t WHERE {same_key})"
                )
                added = cursor.rowcount
                cursor.execute("SET LOCAL enable_mergejoin = on")
                return added, updated
            # SQLite has one writer at a time, and gives a new row the highest rowid yet plus
            # one (the table has no id column, but is no WITHOUT ROWID table): new rows are
            # exactly those past the highest rowid.
            cursor.execute(f"SELECT coalesce(max(rowid), 0) FROM {self.table}")
            (before,) = cursor.fetchone() or (0,)
            cursor.execute(
                f"{insert} {select} WHERE true ON CONFLICT ({KEY}) DO UPDATE "
                f"SET value = excluded.value WHERE {self.table}.value IS NOT excluded.value"
            )
            changed = cursor.rowcount
            cursor.execute(f"SELECT count(*) FROM {self.table} WHERE rowid > %s", [before])
            (added,) = cursor.fetchone() or (0,)
            return int(added), int(changed) - int(added)

    def remove_withdrawn(self, entry_id: int) -> int:
        """Delete the stored values Kolada has withdrawn, each recorded in the import's change
        set; how many there were."""
        if not self.withdrawn or self.direct:
            return 0  # a first import stored nothing before: nothing to withdraw
        same_key = " AND ".join(f"s.{c} = w.{c}" for c in KEY.split(", "))
        kept = f"NOT EXISTS (SELECT 1 FROM {STAGING} AS s WHERE {same_key})"
        with connection.cursor() as cursor:
            where = " AND ".join(f"t.{c} = w.{c}" for c in KEY.split(", "))
            if self.vendor == "postgresql":
                cursor.execute(f"ANALYZE {WITHDRAWN}")  # hash joins, as for the merge
            else:
                # SQLite joins by nested loops: the staged keys get an index, and each
                # withdrawn key is found through the value table's primary key.
                cursor.execute(f"CREATE INDEX {STAGING}_key ON {STAGING} ({KEY})")
            # A key withdrawn twice in one import is one change. DISTINCT would take a bare
            # NULL for text.
            double = "double precision" if self.vendor == "postgresql" else "real"
            cursor.execute(
                f"INSERT INTO {KoladaChange._meta.db_table} "
                "(entry_id, kpi_id, area_id, year, gender, old, new) "
                "SELECT DISTINCT %s, t.kpi_id, t.area_id, t.year, t.gender, t.value, "
                f"CAST(NULL AS {double}) "
                f"FROM {WITHDRAWN} AS w JOIN {self.table} AS t ON {where} WHERE {kept}",
                [entry_id],
            )
            if self.vendor == "postgresql":
                cursor.execute(
                    f"DELETE FROM {self.table} AS t USING {WITHDRAWN} AS w WHERE {where} "
                    f"AND {kept}"
                )
                removed = cursor.rowcount
            else:
                # One statement, each key found through the primary key: the keys to delete
                # are not fetched into memory (there may be millions).
                cursor.execute(
                    f"DELETE FROM {self.table} WHERE ({KEY}) IN "
                    f"(SELECT {KEY} FROM {WITHDRAWN} AS w WHERE {kept})"
                )
                removed = cursor.rowcount
            cursor.execute(f"DROP TABLE {WITHDRAWN}")
        return int(removed)

    def drop(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute(f"DROP TABLE IF EXISTS {self._temp}.{STAGING}")
            cursor.execute(f"DROP TABLE IF EXISTS {self._temp}.{WITHDRAWN}")
