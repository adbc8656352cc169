"""SQLite's full-text index for the site search: one FTS5 table of every searchable title and
text, with the trigram tokenizer.

Trigrams match any part of a word in any case, ÅÄÖ included ("förskole" finds
"Förskoleverksamhet", as Swedish compounds need), which is what the search promises on
SQLite; FTS5 has no Swedish stemmer, so stems stay PostgreSQL's. Words shorter than three
letters cannot be looked up in trigrams and are checked on the candidates instead.

The index is rebuilt, in SQL, by the first search after a change: every change in Styr writes
an audit entry (see styr.web.overview.newest_change), and the index remembers the entry it was
built at (its id and time, so a database emptied and filled again is not taken for the
same). Nothing has to keep it current on each save, bulk imports included.
"""

from collections.abc import Iterable, Sequence
from typing import Any, Protocol

from django.db import connection, transaction
from django.db.models import QuerySet

from styr.audit.models import AuditEntry

TABLE = "styr_search_fts"
STATE = "styr_search_fts_state"
SHORTEST = 3  # letters a trigram needs


class Indexed(Protocol):
    """What the index needs of a kind of searched object."""

    @property
    def key(self) -> str: ...
    @property
    def body(self) -> str: ...  # path from the object to its body
    @property
    def title(self) -> str: ...
    @property
    def text(self) -> str: ...

    def everything(self) -> QuerySet[Any]: ...


def _create() -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE VIRTUAL TABLE IF NOT EXISTS {TABLE} USING fts5(kind UNINDEXED, "
            "object_id UNINDEXED, body_id UNINDEXED, title, text, "
            "tokenize = 'trigram case_sensitive 0')"
        )
        cursor.execute(f"CREATE TABLE IF NOT EXISTS {STATE} (version TEXT NOT NULL)")


def _version() -> str:
    newest = AuditEntry.objects.order_by("-pk").values_list("pk", "at").first()
    return f"{newest[0]}@{newest[1].isoformat()}" if newest else ""


def _rebuild(kinds: Iterable[Indexed], version: str) -> None:
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {TABLE}")
        for kind in kinds:
            rows = kind.everything().values_list("pk", kind.body, kind.title, kind.text)
            sql, params = rows.query.sql_with_params()
            cursor.execute(
                f"INSERT INTO {TABLE} (kind, object_id, body_id, title, text) "
                f"SELECT %s, * FROM ({sql})",
                [kind.key, *params],
            )
        cursor.execute(f"DELETE FROM {STATE}")
        cursor.execute(f"INSERT INTO {STATE} (version) VALUES (%s)", [version])


def ensure_current(kinds: Iterable[Indexed]) -> None:
    """Build the index, or rebuild it if anything has changed since it was built."""
    version = _version()
    with transaction.atomic():
        _create()
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT version FROM {STATE}")
            row = cursor.fetchone()
        if row is None or row[0] != version:
            _rebuild(kinds, version)


def _phrase(word: str) -> str:
    return '"' + word.replace('"', '""') + '"'


def matching_ids(
    kind: Indexed, bodies: Sequence[int], words: Sequence[str], limit: int
) -> list[int]:
    """The ids of the kind's objects in the bodies whose title or text holds every word of
    three letters or more, those with the words in the title first."""
    long_words = [w for w in words if len(w) >= SHORTEST]
    marks = ", ".join(["%s"] * len(bodies))
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT object_id FROM {TABLE} WHERE {TABLE} MATCH %s AND kind = %s "
            f"AND body_id IN ({marks}) "
            f"ORDER BY bm25({TABLE}, 0, 0, 0, 10.0, 1.0), object_id LIMIT %s",
            [" AND ".join(_phrase(w) for w in long_words), kind.key, *bodies, limit],
        )
        return [object_id for (object_id,) in cursor.fetchall()]
