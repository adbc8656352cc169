"""PostgreSQL: each searched row keeps its Swedish text vector (title weighted A, text B) in a
column `search_vector` with a GIN index, written by a trigger on every insert and change,
whatever made it (the web, the admin, imports, bulk copies).

The search then ranks stored vectors instead of building one for every candidate on every
search: on a large municipality the chapter texts alone took 380 ms a search. The column is
not a model field (SQLite has no tsvector; its search has its own index, styr.web.search_index),
so Django's migrations do not know it: a later migration that renames or removes one of the
columns below must change the trigger function here too (test_search_vectors fails until then).
SQLite: nothing.
"""

from collections.abc import Callable
from typing import Any

from django.db import migrations

# Table, title column, text column (or None): styr.web.search.KINDS searches these.
SEARCHED = [
    ("plans_plan", "title", None),
    ("steering_committeegoal", "title", "description"),
    ("indicators_indicator", "name", "description"),
    ("assignments_assignment", "text", None),
    ("internal_control_risk", "description", "control_activity"),
    ("activities_activity", "title", None),
    ("plans_plantext", "title", "text"),
]


def _vector(row: str, title: str, text: str | None) -> str:
    vector = f"setweight(to_tsvector('swedish', coalesce({row}.{title}, '')), 'A')"
    if text is not None:
        vector += f" || setweight(to_tsvector('swedish', coalesce({row}.{text}, '')), 'B')"
    return vector


def _each_table(schema_editor: Any, statements: Callable[[str, str, str | None], str]) -> None:
    """Run the statements for each searched table; SQLite has its own index (web.search)."""
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for table, title, text in SEARCHED:
            cursor.execute(statements(table, title, text))


def _installed(table: str, title: str, text: str | None) -> str:
    watched = ", ".join(c for c in (title, text) if c is not None)
    return f"""
        ALTER TABLE {table} ADD COLUMN search_vector tsvector;
        UPDATE {table} t SET search_vector = {_vector("t", title, text)};
        CREATE INDEX {table}_search_vector ON {table} USING gin (search_vector);
        CREATE FUNCTION {table}_search_vector() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            NEW.search_vector := {_vector("NEW", title, text)};
            RETURN NEW;
        END $$;
        CREATE TRIGGER {table}_search_vector BEFORE INSERT OR UPDATE OF {watched}
            ON {table} FOR EACH ROW EXECUTE FUNCTION {table}_search_vector();
    """


def _removed(table: str, title: str, text: str | None) -> str:
    return f"""
        DROP TRIGGER {table}_search_vector ON {table};
        DROP FUNCTION {table}_search_vector();
        ALTER TABLE {table} DROP COLUMN search_vector;
    """


def install(apps: Any, schema_editor: Any) -> None:
    _each_table(schema_editor, _installed)


def remove(apps: Any, schema_editor: Any) -> None:
    _each_table(schema_editor, _removed)


class Migration(migrations.Migration):
    dependencies = [
        ("plans", "0005_reportoccasion_deadline"),
        ("steering", "0002_reporter"),
        ("indicators", "0006_plan_rollup"),
        ("assignments", "0003_reporter"),
        ("internal_control", "0005_risk_level_label_en"),
        ("activities", "0004_unit_comments"),
    ]

    operations = [migrations.RunPython(install, remove)]
