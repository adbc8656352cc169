"""The search finds a change at once (the index follows every change, bulk imports included),
finds part of a compound word whatever its case, checks words too short for the index on the
candidates, and never shows another body's data."""

import pytest
from django.contrib.auth.models import User

from styr.activities.actions import do_save_activity
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
    # Part of a compound word, and a word of two letters checked on the candidates.
    assert "ödeläggelseövning i IT-miljön" in text_of(client.get("/sok/", {"q": "läggelse it"}))
    assert "ödeläggelseövning" not in text_of(client.get("/sok/", {"q": "läggelse xy"}))


def test_another_bodys_activity_is_not_found(editor: User, outsider: User, ks_plan: Plan) -> None:
    do_save_activity(ks_plan, None, {"title": "Hemlig krisövning på kansliet"}, acting_user=editor)
    page = text_of(client_for(outsider).get("/sok/", {"q": "krisövning"}))
    assert "Hemlig krisövning" not in page
