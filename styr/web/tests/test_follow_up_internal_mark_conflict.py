"""A colleague's internal mark is not undone by a form opened before it: the later save is
refused as stale, so a comment marked internal does not go public unseen."""

import re

import pytest
from django.contrib.auth.models import User

from styr.assignments.models import AssignmentFollowUp
from styr.plans.models import Plan
from styr.web.tests.helpers import client_for

pytestmark = pytest.mark.django_db
HTMX = {"HX-Request": "true"}


def _version(page: str, card: str) -> str:
    part = page.split(f'id="{card}"', 1)[1]
    found = re.search(r'name="based_on" value="([0-9a-f]+)"', part)
    assert found is not None
    return found[1]


def test_a_form_opened_before_the_mark_cannot_unmark_it(
    editor: User, reader: User, ks_plan: Plan
) -> None:
    assignment = ks_plan.assignments.get(key="p-huset-kinna")
    base = f"/plan/{ks_plan.pk}/uppfoljning/delar/"
    url = f"{base}uppdrag/{assignment.pk}/"
    first, second = client_for(editor), client_for(editor)
    seen = _version(first.get(base).content.decode(), f"assignment-{assignment.pk}")

    marked = second.post(url, {"comment": "Avtalet förhandlas.", "internal": "ja",
                               "based_on": seen}, headers=HTMX)  # fmt: skip
    late = first.post(url, {"comment": "Avtalet förhandlas.", "based_on": seen}, headers=HTMX)

    assert (marked.status_code, late.status_code) == (200, 409)
    assert AssignmentFollowUp.objects.get(assignment=assignment, occasion__key="delar").internal
    # A reader may not try at all, with or without a version.
    assert client_for(reader).post(url, {"comment": "X", "based_on": seen}).status_code == 403
