"""The table of the rate-limit cache (settings.CACHES["limits"]), which every process shares."""

from typing import Any

from django.core.management import call_command
from django.db import migrations

TABLE = "styr_rate_limits"


def create(apps: Any, schema_editor: Any) -> None:
    # By name, not from settings.CACHES, so the table is there whatever a deployment's CACHES
    # says when it migrates.
    call_command("createcachetable", TABLE, database=schema_editor.connection.alias, verbosity=0)


def drop(apps: Any, schema_editor: Any) -> None:
    schema_editor.execute(f"DROP TABLE IF EXISTS {schema_editor.quote_name(TABLE)}")


class Migration(migrations.Migration):
    dependencies = [("api", "0001_initial")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
