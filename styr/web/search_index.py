"""SQLite's full-text index for the site search: one FTS5 table of every searchable title and
text, with the trigram tokenizer, kept current by triggers.

Trigrams match any part of a word in any case, ÅÄÖ included ("förskole" finds
"Förskoleverksamhet", as Swedish compounds need), which is what the search promises on
SQLite; FTS5 has no Swedish stemmer, so stems stay PostgreSQL's. Words shorter than three
letters cannot be looked up in trigrams and are checked on the candidates instead.

SQLite triggers on the searched tables write each insert, change and removal into the index in
the same transaction, whatever made it: the web, the admin, imports, bulk copies. The index and
its triggers are built by the first search; when a migration rebuilds a table (SQLite's way
of altering one) its triggers go with it, and the next search finds one missing and builds
everything again. Rows never move between plans or bodies in Styr, so a row's body is read
when the row is written.
"""

from collections.abc import Sequence
from dataclasses import dataclass

from django.db import connection, models, transaction

from styr.activities.models import Activity
from styr.assignments.models import Assignment
from styr.indicators.models import GoalIndicator, Indicator
from styr.internal_control.models import Risk, RiskCategory
from styr.plans.models import Plan, PlanText
from styr.steering.models import CommitteeGoal

TABLE = "styr_search_v2"
OLD_TABLES = ("styr_search_fts", "styr_search_fts_state")  # an earlier index, rebuilt on search
SHORTEST = 3  # letters a trigram needs
ROWS_PER_KIND = 10**12  # an index row's id: its kind's number × this + the object's id


def _table(model: type[models.Model]) -> str:
    return model._meta.db_table


def _plan_body(row: str) -> str:
    return f"(SELECT body_id FROM {_table(Plan)} WHERE id = {row}.plan_id)"


@dataclass(frozen=True)
class Source:
    """How one kind of object is indexed: SQL expressions over its row ({r})."""

    kind: str  # as styr.web.search names it
    number: int
    model: type[models.Model]
    body: str
    title: str
    text: str
    watched: tuple[str, ...]  # the columns whose change re-indexes the row
    when: str = "1"

    def sql(self, clause: str, row: str) -> str:
        return clause.format(r=row)

    def rowid(self, row: str) -> str:
        return f"{self.number} * {ROWS_PER_KIND} + {row}.id"

    def values(self, row: str) -> str:
        """The index row of the object as a SELECT list."""
        return (
            f"{self.rowid(row)}, {self.sql(self.body, row)}, "
            f"COALESCE({self.sql(self.title, row)}, ''), COALESCE({self.sql(self.text, row)}, '')"
        )


SOURCES = [
    Source("plan", 1, Plan, "{r}.body_id", "{r}.title", "''", ("title",)),
    Source("goal", 2, CommitteeGoal, _plan_body("{r}"), "{r}.title", "{r}.description",
           ("title", "description")),
    Source("indicator", 3, GoalIndicator,
           f"(SELECT p.body_id FROM {_table(CommitteeGoal)} g JOIN {_table(Plan)} p "
           "ON p.id = g.plan_id WHERE g.id = {r}.goal_id)",
           f"(SELECT name FROM {_table(Indicator)} WHERE id = {{r}}.indicator_id)",
           f"(SELECT description FROM {_table(Indicator)} WHERE id = {{r}}.indicator_id)",
           ("goal_id", "indicator_id")),
    Source("assignment", 4, Assignment, _plan_body("{r}"), "{r}.text", "''", ("text",)),
    Source("risk", 5, Risk,
           f"(SELECT p.body_id FROM {_table(RiskCategory)} c JOIN {_table(Plan)} p "
           "ON p.id = c.plan_id WHERE c.id = {r}.category_id)",
           "{r}.description", "{r}.control_activity", ("description", "control_activity")),
    Source("activity", 6, Activity, _plan_body("{r}"), "{r}.title", "''", ("title",)),
    Source("text", 7, PlanText, _plan_body("{r}"), "{r}.title", "{r}.text", ("title", "text"),
           when="{r}.occasion_id IS NULL"),
]  # fmt: skip
BY_KIND = {source.kind: source for source in SOURCES}


def _triggers(source: Source) -> dict[str, str]:
    """The source's triggers by name: on insert, on a change of a watched column, on delete."""
    table, name = _table(source.model), f"{TABLE}_{source.kind}"
    insert = f"INSERT INTO {TABLE} (rowid, body_id, title, text) SELECT {source.values('NEW')}"
    remove = f"DELETE FROM {TABLE} WHERE rowid = {source.rowid('OLD')}"
    when_new = source.sql(source.when, "NEW")
    return {
        f"{name}_insert": f"CREATE TRIGGER {name}_insert AFTER INSERT ON {table} "
        f"WHEN {when_new} BEGIN {insert}; END",
        f"{name}_update": f"CREATE TRIGGER {name}_update AFTER UPDATE OF "
        f"{', '.join(source.watched)} ON {table} BEGIN {remove}; {insert} WHERE {when_new}; END",
        f"{name}_delete": f"CREATE TRIGGER {name}_delete AFTER DELETE ON {table} "
        f"BEGIN {remove}; END",
    }


def _indicator_trigger() -> dict[str, str]:
    """An indicator renamed or redescribed: every goal's link to it is indexed again."""
    source, links = BY_KIND["indicator"], _table(GoalIndicator)
    name = f"{TABLE}_indicator_text"
    return {
        name: f"CREATE TRIGGER {name} AFTER UPDATE OF name, description ON {_table(Indicator)} "
        f"BEGIN DELETE FROM {TABLE} WHERE rowid IN (SELECT {source.rowid('gi')} FROM {links} gi "
        f"WHERE gi.indicator_id = NEW.id); INSERT INTO {TABLE} (rowid, body_id, title, text) "
        f"SELECT {source.values('gi')} FROM {links} gi WHERE gi.indicator_id = NEW.id; END"
    }


def _all_triggers() -> dict[str, str]:
    found = _indicator_trigger()
    for source in SOURCES:
        found.update(_triggers(source))
    return found


def _build(triggers: dict[str, str]) -> None:
    with connection.cursor() as cursor:
        for old in (*OLD_TABLES, TABLE):
            cursor.execute(f"DROP TABLE IF EXISTS {old}")
        for name in triggers:
            cursor.execute(f"DROP TRIGGER IF EXISTS {name}")
        cursor.execute(
            f"CREATE VIRTUAL TABLE {TABLE} USING fts5(body_id UNINDEXED, title, text, "
            "tokenize = 'trigram case_sensitive 0')"
        )
        for source in SOURCES:
            cursor.execute(
                f"INSERT INTO {TABLE} (rowid, body_id, title, text) "
                f"SELECT {source.values('r')} FROM {_table(source.model)} r "
                f"WHERE {source.sql(source.when, 'r')}"
            )
        for sql in triggers.values():
            cursor.execute(sql)


def ensure_current() -> None:
    """Build the index and its triggers unless all of them are there."""
    triggers = _all_triggers()
    wanted = {TABLE, *triggers}
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT name FROM sqlite_master WHERE name LIKE '{TABLE}%'")
        present = {name for (name,) in cursor.fetchall()}
    if wanted <= present:
        return
    with transaction.atomic():
        _build(triggers)


def _phrase(word: str) -> str:
    return '"' + word.replace('"', '""') + '"'


def matching_ids(kind: str, bodies: Sequence[int], words: Sequence[str], limit: int) -> list[int]:
    """The ids of the kind's objects in the bodies whose title or text holds every word of
    three letters or more, those with the words in the title first."""
    number = BY_KIND[kind].number
    long_words = [w for w in words if len(w) >= SHORTEST]
    marks = ", ".join(["%s"] * len(bodies))
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT rowid - %s FROM {TABLE} WHERE {TABLE} MATCH %s "
            f"AND rowid BETWEEN %s AND %s AND body_id IN ({marks}) "
            f"ORDER BY bm25({TABLE}, 0, 10.0, 1.0), rowid LIMIT %s",
            [
                number * ROWS_PER_KIND, " AND ".join(_phrase(w) for w in long_words),
                number * ROWS_PER_KIND, (number + 1) * ROWS_PER_KIND - 1, *bodies, limit,
            ],
        )  # fmt: skip
        return [object_id for (object_id,) in cursor.fetchall()]
