"""PostgreSQL's search reads each row's stored text vector (web migration 0001): every route
that writes a title or a text, saves and bulk updates alike, is found by its new words at once,
and no longer by its old ones."""

from importlib import import_module

import pytest
from django.contrib.auth.models import User
from django.db import connection

from styr.assignments.models import Assignment
from styr.plans.actions import do_update_plan_text, fingerprint
from styr.plans.models import Plan
from styr.steering.actions import do_save_goal
from styr.web.tests.helpers import client_for

migration = import_module("styr.web.migrations.0001_search_vectors")

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="stored vectors are PostgreSQL's"),
]


def _found(user: User, words: str) -> str:
    return client_for(user).get("/sok/", {"q": words}).content.decode()


def test_it_keeps_a_vector_for_every_searched_row(ks_plan: Plan) -> None:
    with connection.cursor() as cursor:
        for table, _title, _text in migration.SEARCHED:
            cursor.execute(f"SELECT count(*) FROM {table} WHERE search_vector IS NULL")
            assert cursor.fetchone() == (0,), table


def test_it_finds_a_renamed_goal_by_its_new_words_only(
    editor: User, reader: User, outsider: User, ks_plan: Plan
) -> None:
    goal = ks_plan.goals.order_by("position").first()
    assert goal is not None
    do_save_goal(ks_plan, goal, {"title": "Fler cykelbanor i tätorterna"}, acting_user=editor)
    # "cykelbana" finds "cykelbanor": the Swedish stem, read from the stored vector.
    assert f"#g-{goal.pk}" in _found(reader, "cykelbana")
    assert f"#g-{goal.pk}" not in _found(outsider, "cykelbana")
    do_save_goal(
        ks_plan, goal, {"title": "Färre parkeringsplatser, fler laddstolpar"}, acting_user=editor
    )
    assert "Färre parkeringsplatser" not in _found(reader, "cykelbana")
    assert "Färre parkeringsplatser" in _found(reader, "laddstolpe")


def test_it_finds_a_chapter_text_as_soon_as_it_is_saved(
    editor: User, reader: User, ks_plan: Plan
) -> None:
    chapter = ks_plan.texts.of_plan().order_by("key").first()
    assert chapter is not None
    do_update_plan_text(
        ks_plan, chapter.key, chapter.text + "\n\nVi inrättar snöskoterleder.",
        based_on=fingerprint(chapter.text), acting_user=editor,
    )  # fmt: skip
    assert "snöskoterled" in _found(reader, "snöskoterleden").casefold()


def test_a_bulk_update_is_found_too(reader: User, ks_plan: Plan) -> None:
    # The admin's actions, copies and imports may write with a queryset's update(): no save().
    assignment = ks_plan.assignments.order_by("position").first()
    assert assignment is not None
    Assignment.objects.filter(pk=assignment.pk).update(text="Utred hur fjärrvärmenät byggs ut.")
    assert f"#a-{assignment.pk}" in _found(reader, "fjärrvärmenäten")
