"""The assignments are a table one can search, filter (origin, latest status) and sort by any
column, with the count shown ("14 av 38 uppdrag") and each row still edited in place."""

import re

import pytest
from django.contrib.auth.models import User

from styr.assignments.models import Assignment
from styr.plans.models import Plan
from styr.web.tests.helpers import client_for, text_of

pytestmark = pytest.mark.django_db


def _rows(page: str) -> list[int]:
    return [int(pk) for pk in re.findall(r'<tr id="a-(\d+)">', page)]


def _url(plan: Plan) -> str:
    return f"/plan/{plan.pk}/uppdrag/"


def test_it_filters_by_origin_and_counts(reader: User, ks_plan: Plan) -> None:
    council = list(ks_plan.assignments.filter(origin="council").values_list("pk", flat=True))
    total = ks_plan.assignments.count()
    assert 0 < len(council) < total

    response = client_for(reader).get(_url(ks_plan), {"fran": "council"})

    assert sorted(_rows(response.content.decode())) == sorted(council)
    assert f"{len(council)} av {total} uppdrag" in text_of(response)


def test_it_searches_every_word_in_the_text(reader: User, ks_plan: Plan) -> None:
    target = ks_plan.assignments.order_by("position").first()
    assert target is not None
    words = target.text.split()[:3]
    page = client_for(reader).get(_url(ks_plan), {"q": " ".join(words).upper()}).content.decode()
    assert target.pk in _rows(page)
    assert all(
        all(w.casefold() in Assignment.objects.get(pk=pk).text.casefold() for w in words)
        for pk in _rows(page)
    )
    nothing = client_for(reader).get(_url(ks_plan), {"q": "zzzfinnsinte"})
    assert "Inga uppdrag matchar urvalet." in text_of(nothing)


def test_it_sorts_by_decision_date_both_ways(reader: User, ks_plan: Plan) -> None:
    client = client_for(reader)
    ascending = client.get(_url(ks_plan), {"ordning": "beslut"}).content.decode()
    descending = client.get(_url(ks_plan), {"ordning": "-beslut"}).content.decode()

    dates = {a.pk: a.start_date for a in ks_plan.assignments.all()}
    up = [d for pk in _rows(ascending) if (d := dates[pk]) is not None]
    down = [d for pk in _rows(descending) if (d := dates[pk]) is not None]
    assert up == sorted(up) and down == sorted(down, reverse=True) and up
    assert 'aria-sort="ascending"' in ascending and 'aria-sort="descending"' in descending
    # The heading's link reverses the order and keeps the filters.
    assert (
        'href="?fran=council&amp;ordning=-beslut"'
        in client.get(_url(ks_plan), {"ordning": "beslut", "fran": "council"}).content.decode()
    )


def test_it_filters_by_latest_status(reader: User, ks_plan: Plan) -> None:
    page = client_for(reader).get(_url(ks_plan), {"status": "ingen"}).content.decode()
    for pk in _rows(page):
        assert not Assignment.objects.get(pk=pk).follow_ups.exclude(status=None).exists()


def test_a_nonsense_filter_is_ignored_not_an_error(reader: User, ks_plan: Plan) -> None:
    response = client_for(reader).get(_url(ks_plan), {"fran": "x" * 500, "ordning": "';--"})
    assert response.status_code == 200
    assert len(_rows(response.content.decode())) == ks_plan.assignments.count()


def test_an_outsider_is_refused(outsider: User, ks_plan: Plan) -> None:
    assert client_for(outsider).get(_url(ks_plan), {"fran": "council"}).status_code == 404
