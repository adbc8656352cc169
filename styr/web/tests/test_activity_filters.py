"""The activity table narrows by words, responsible unit and "mine", sorts by a column, counts
how many are reported at the occasion, and keeps the narrowing after a save; an outsider sees
none of it."""

import re

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test.utils import CaptureQueriesContext

from styr.activities.actions import do_report_activity, do_save_activity
from styr.activities.models import Activity
from styr.organisation.models import Unit
from styr.plans.models import Plan
from styr.scales.models import Scale
from styr.web.tests.helpers import client_for, text_of

pytestmark = pytest.mark.django_db


def _url(plan: Plan, query: str = "") -> str:
    return f"/plan/{plan.pk}/aktiviteter/{query}"


def _activities(plan: Plan) -> tuple[Activity, Activity, Activity]:
    mine = plan.goals.exclude(reporter=None).first()
    other = plan.goals.filter(reporter=None).first()
    assert mine is not None and other is not None
    unit = Unit.objects.get(name="Kanslienheten")
    save = do_save_activity
    return (
        save(plan, None, {"title": "Boka workshop om trygghet", "goal": mine,
                          "responsible_unit": unit}, acting_user=None),
        save(plan, None, {"title": "Anordna trygghetsvandring", "goal": other}, acting_user=None),
        save(plan, None, {"title": "Ta fram en lokalplan", "goal": mine}, acting_user=None),
    )  # fmt: skip


def _titles(html: str) -> list[str]:
    return re.findall(r'<tbody id="aktivitet-\d+">\s*<tr>\s*<th scope="row">(.*?)</th>', html)


def test_it_narrows_by_words_unit_and_mine(
    editor: User, reporter: User, adopted_plan: Plan
) -> None:
    workshop, walk, premises = _activities(adopted_plan)
    client = client_for(editor)
    html = client.get(_url(adopted_plan, "?q=TRYGGHET")).content.decode()
    assert sorted(_titles(html)) == [walk.title, workshop.title]
    assert "2 av 3 aktiviteter visas" in text_of(client.get(_url(adopted_plan, "?q=trygghet")))
    unit = Unit.objects.get(name="Kanslienheten")
    html = client.get(_url(adopted_plan, f"?ansvarig={unit.pk}")).content.decode()
    assert _titles(html) == [workshop.title]
    # The reporter's own: the activities under the goal they report.
    html = client_for(reporter).get(_url(adopted_plan, "?visa=mina")).content.decode()
    assert sorted(_titles(html)) == [workshop.title, premises.title]
    assert "Bara mina" in text_of(client_for(reporter).get(_url(adopted_plan)))


def test_it_counts_reported_and_sorts_by_status(editor: User, adopted_plan: Plan) -> None:
    workshop, walk, premises = _activities(adopted_plan)
    options = Scale.objects.current("activity-status").options
    occasion = adopted_plan.occasions.get(key="delar")
    for activity, key in ((workshop, "completed"), (premises, "ongoing")):
        do_report_activity(
            activity, occasion, status=options.get(key=key), percent_complete=None, comment="",
            acting_user=editor,
        )  # fmt: skip
    client = client_for(editor)
    page = text_of(client.get(_url(adopted_plan, "?rapport=delar")))
    assert "2 av 3 rapporterade för Delårsrapport" in page
    html = client.get(_url(adopted_plan, "?rapport=delar&ordning=-titel")).content.decode()
    assert 'aria-sort="descending"' in html
    titles = _titles(html)
    mine = [t for t in titles if t != walk.title]
    assert mine == sorted(mine, reverse=True)
    html = client.get(_url(adopted_plan, "?rapport=delar&ordning=status")).content.decode()
    ongoing, completed = options.get(key="ongoing"), options.get(key="completed")
    first, second = (premises, workshop) if ongoing.position < completed.position else (
        workshop, premises)  # fmt: skip
    titles = _titles(html)
    assert titles.index(first.title) < titles.index(second.title)


def test_a_report_returns_to_the_narrowed_list(editor: User, adopted_plan: Plan) -> None:
    workshop, _, _ = _activities(adopted_plan)
    response = client_for(editor).post(
        _url(adopted_plan, f"{workshop.pk}/delar/"),
        {"percent_complete": "40", "back": "q=workshop&ordning=titel&evil=1"},
    )
    assert response.status_code == 302
    location = response["Location"]
    assert "q=workshop" in location and "ordning=titel" in location and "rapport=delar" in location
    assert "evil" not in location


def test_an_outsider_is_refused(outsider: User, adopted_plan: Plan) -> None:
    _activities(adopted_plan)
    assert client_for(outsider).get(_url(adopted_plan, "?q=trygghet")).status_code == 404


def test_the_number_of_queries_does_not_grow_with_the_activities(
    editor: User, adopted_plan: Plan
) -> None:
    # Goals without a title are headed by what they answer to: read with the activities.
    adopted_plan.goals.update(title="")
    occasion = adopted_plan.occasions.get(key="delar")
    ongoing = Scale.objects.current("activity-status").options.get(key="ongoing")
    unit = Unit.objects.get(name="Kanslienheten")

    def add(title: str, goal: object) -> None:
        activity = do_save_activity(
            adopted_plan, None, {"title": title, "goal": goal, "units": [unit]}, acting_user=None
        )
        do_report_activity(
            activity, occasion, status=ongoing, percent_complete=50, comment="På gång",
            unit_comments={unit: "Vi deltar"}, acting_user=editor,
        )  # fmt: skip

    def queries() -> int:
        client = client_for(editor)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(_url(adopted_plan, "?rapport=delar")).status_code == 200
        return len(captured)

    goals = list(adopted_plan.goals.all())
    add("Första", goals[0])
    few = queries()
    for n, goal in enumerate(goals * 3):
        add(f"Fler {n}", goal)
    assert queries() == few
