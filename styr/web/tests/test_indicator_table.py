"""The plan's indicators as one table: every goal's indicators with result, target and the
status the overview gives them, narrowed by words, goal, status and source, sorted by status
(worst first) or name; an outsider sees nothing."""

import re

import pytest
from django.contrib.auth.models import User

from styr.indicators.assessment import SEVERITY
from styr.plans.models import Plan
from styr.web.overview import plan_overview
from styr.web.tests.helpers import client_for, text_of

pytestmark = pytest.mark.django_db


def _url(plan: Plan, query: str = "") -> str:
    return f"/plan/{plan.pk}/indikatorer/{query}"


def _rows(html: str) -> list[tuple[str, str]]:
    """(indicator name, status value) of each row."""
    return re.findall(r'<th scope="row"><a href="[^"]+">(.*?)</a></th>.*?status--(\w+)', html, re.S)


def test_it_lists_each_goals_indicators_with_the_overviews_status(
    reader: User, ks_plan: Plan
) -> None:
    overview = plan_overview(ks_plan)
    expected = [
        (row.indicator.name, row.assessment.status.value)
        for goal in overview.goals
        for row in goal.indicators
    ]
    html = client_for(reader).get(_url(ks_plan)).content.decode()
    assert [(name.replace("&amp;", "&"), s) for name, s in _rows(html)] == expected
    page = text_of(client_for(reader).get(_url(ks_plan)))
    assert f"{len(expected)} indikatorer · resultat för {overview.year}" in page
    assert "Mål och indikatorer" in page and "Indikatorer" in page  # navigation and crumb


def test_it_narrows_by_status_source_and_words(reader: User, ks_plan: Plan) -> None:
    overview = plan_overview(ks_plan)
    rows = [r for g in overview.goals for r in g.indicators]
    status = rows[0].assessment.status
    client = client_for(reader)
    html = client.get(_url(ks_plan, f"?status={status.value}")).content.decode()
    found = _rows(html)
    assert found and {s for _, s in found} == {status.value}
    assert len(found) == sum(1 for r in rows if r.assessment.status == status)
    linked = sum(1 for r in rows if r.indicator.kolada_kpi)
    html = client.get(_url(ks_plan, "?kalla=kolada")).content.decode()
    assert len(_rows(html)) == linked
    word = rows[0].indicator.name.split()[0]
    html = client.get(_url(ks_plan, f"?q={word.upper()}")).content.decode()
    assert all(word.casefold() in n.casefold() for n, _ in _rows(html)) and _rows(html)
    page = text_of(client.get(_url(ks_plan, "?q=finnsinte")))
    assert "Inga indikatorer matchar urvalet." in page and f"0 av {len(rows)}" in page


def test_it_sorts_worst_status_first(reader: User, ks_plan: Plan) -> None:
    html = client_for(reader).get(_url(ks_plan, "?ordning=status")).content.decode()
    worst_first = [s.value for s in SEVERITY]
    order = [worst_first.index(s) if s in worst_first else len(SEVERITY) for _, s in _rows(html)]
    assert order == sorted(order) and len(set(order)) > 1
    assert 'aria-sort="ascending"' in html


def test_an_outsider_is_refused(outsider: User, ks_plan: Plan) -> None:
    assert client_for(outsider).get(_url(ks_plan)).status_code == 404
