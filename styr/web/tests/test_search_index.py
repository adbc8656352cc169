"""The search finds a change at once (on SQLite the index follows every change by triggers),
finds part of a compound word whatever its case, checks words too short for the index on the
candidates, and never shows another body's data."""

import pytest
from django.contrib.auth.models import User
from django.db import connection

from styr.activities.actions import do_save_activity
from styr.indicators.actions import do_add_indicator, do_change_indicator
from styr.indicators.models import GoalIndicator
from styr.plans.models import Plan
from styr.web.tests.helpers import client_for, text_of

pytestmark = pytest.mark.django_db


def test_it_finds_what_was_just_saved(editor: User, reader: User, ks_plan: Plan) -> None:
    client = client_for(reader)
    assert "Inget hittades" in text_of(client.get("/sok/", {"q": "Ödeläggelseövning"}))
    do_save_activity(
        ks_plan, None, {"title": "Genomföra en ödeläggelseövning i IT-miljön"}, acting_user=editor
    )
    page = text_of(client.get("/sok/", {"q": "ÖDELÄGGELSEÖVNING"}))
    assert "Genomföra en ödeläggelseövning i IT-miljön" in page
    if connection.vendor == "sqlite":
        # Part of a compound word (PostgreSQL matches words by their stems instead), and a
        # word of two letters checked on the candidates.
        found = text_of(client.get("/sok/", {"q": "läggelse it"}))
        assert "ödeläggelseövning i IT-miljön" in found
        assert "ödeläggelseövning" not in text_of(client.get("/sok/", {"q": "läggelse xy"}))


def test_another_bodys_activity_is_not_found(editor: User, outsider: User, ks_plan: Plan) -> None:
    do_save_activity(ks_plan, None, {"title": "Hemlig krisövning på kansliet"}, acting_user=editor)
    page = text_of(client_for(outsider).get("/sok/", {"q": "krisövning"}))
    assert "Hemlig krisövning" not in page


def test_it_follows_a_renamed_indicator(editor: User, reader: User, ks_plan: Plan) -> None:
    link = GoalIndicator.objects.filter(goal__plan=ks_plan).select_related("indicator").first()
    assert link is not None
    client = client_for(reader)
    client.get("/sok/", {"q": "något"})  # the index exists before the change
    do_change_indicator(
        link.indicator, {"name": "Kompostering i kvarteren per invånare"}, plan=ks_plan,
        acting_user=editor,
    )  # fmt: skip
    assert "Kompostering i kvarteren per invånare" in text_of(
        client.get("/sok/", {"q": "kompostering"})
    )


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the FTS5 index is SQLite's")
def test_a_table_rebuilt_by_a_migration_gets_its_index_back(reader: User, ks_plan: Plan) -> None:
    client = client_for(reader)
    client.get("/sok/", {"q": "något"})
    with connection.cursor() as cursor:
        # What a migration that rebuilds the table does to its triggers.
        cursor.execute("DROP TRIGGER styr_search_v2_activity_insert")
    do_save_activity(ks_plan, None, {"title": "Inventera brandlarmen"}, acting_user=None)
    assert "Inventera brandlarmen" in text_of(client.get("/sok/", {"q": "brandlarm"}))


def test_two_indicators_that_share_a_name_are_two_hits(
    editor: User, reader: User, ks_plan: Plan
) -> None:
    first, second = list(ks_plan.goals.all()[:2])
    for goal in (first, second):
        do_add_indicator(goal, {"name": "Andel nöjda besökare"}, acting_user=editor)
    html = client_for(reader).get("/sok/", {"q": "nöjda besökare"}).content.decode()
    assert html.count(">Andel nöjda besökare</a>") == 2
