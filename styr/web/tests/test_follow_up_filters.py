"""The follow-up page is a worklist: it counts what is reported ("1 av 38 uppdrag
rapporterade"), narrows to the user's own items, to what is not reported yet or to one status,
shows beside each item what the previous report said, and links a goal's indicators."""

import pytest
from django.contrib.auth.models import User

from styr.assignments.actions import do_report_assignment
from styr.assignments.models import Assignment
from styr.plans.models import Plan
from styr.scales.models import Scale
from styr.web.tests.helpers import client_for, text_of

pytestmark = pytest.mark.django_db


def _first(plan: Plan) -> Assignment:
    found = plan.assignments.order_by("position").first()
    assert found is not None
    return found


def _report(plan: Plan, occasion_key: str, comment: str, editor: User) -> str:
    """Report the plan's first assignment with the scale's first status; that status's key."""
    option = Scale.objects.current("assignment-status", plan.body.municipality_id).options.first()
    assert option is not None
    do_report_assignment(
        _first(plan), plan.occasions.get(key=occasion_key), status=option, grade=None,
        comment=comment, acting_user=editor,
    )  # fmt: skip
    return option.key


def _url(plan: Plan, key: str = "delar") -> str:
    return f"/plan/{plan.pk}/uppfoljning/{key}/"


def test_it_counts_and_narrows_to_what_is_not_reported(editor: User, ks_plan: Plan) -> None:
    _report(ks_plan, "delar", "Påbörjat.", editor)
    total = ks_plan.assignments.count()
    client = client_for(editor)
    first = f'id="assignment-{_first(ks_plan).pk}"'

    page = client.get(_url(ks_plan))
    assert f"1 av {total} uppdrag rapporterade" in text_of(page)
    assert first in page.content.decode()

    narrowed = client.get(_url(ks_plan), {"rapporterat": "nej"})
    assert first not in narrowed.content.decode()
    assert f"1 av {total} uppdrag rapporterade · visar {total - 1}" in text_of(narrowed)


def test_it_narrows_to_one_status(editor: User, ks_plan: Plan) -> None:
    key = _report(ks_plan, "delar", "Påbörjat.", editor)
    page = client_for(editor).get(_url(ks_plan), {"status": key}).content.decode()
    assert page.count('id="assignment-') == 1 and f'id="assignment-{_first(ks_plan).pk}"' in page
    # The status is the assignments' own: goals and risks are left out of that view.
    assert 'id="goal-' not in page and "Inga risker i urvalet." in page


def test_it_narrows_to_the_reporters_own_items(reporter: User, ks_plan: Plan) -> None:
    page = client_for(reporter).get(_url(ks_plan), {"visa": "mina"}).content.decode()
    own = Assignment.objects.filter(plan=ks_plan, reporter=reporter)
    others = Assignment.objects.filter(plan=ks_plan).exclude(reporter=reporter)
    assert own.exists() and others.exists()
    assert all(f'id="assignment-{a.pk}"' in page for a in own)
    assert not any(f'id="assignment-{a.pk}"' in page for a in others)


def test_it_shows_what_the_previous_report_said(editor: User, ks_plan: Plan) -> None:
    _report(ks_plan, "delar", "Halvvägs i augusti.", editor)
    page = client_for(editor).get(_url(ks_plan, "arsrapport"))
    assert "Vid varje post visas också vad som rapporterades i Delårsrapport 2024." in text_of(page)
    assert "Delårsrapport 2024: " in text_of(page) and "· Halvvägs i augusti." in text_of(page)


def test_a_goal_links_its_indicators(reader: User, ks_plan: Plan) -> None:
    link = ks_plan.goals.first().goalindicator_set.first()  # type: ignore[union-attr]
    assert link is not None
    page = client_for(reader).get(_url(ks_plan)).content.decode()
    assert f'href="/plan/{ks_plan.pk}/indikator/{link.indicator_id}/"' in page


def test_an_outsider_is_refused(outsider: User, ks_plan: Plan) -> None:
    response = client_for(outsider).get(_url(ks_plan), {"rapporterat": "nej"})
    assert response.status_code == 404


def test_a_saved_item_keeps_the_previous_report_beside_it(editor: User, ks_plan: Plan) -> None:
    _report(ks_plan, "delar", "Halvvägs i augusti.", editor)
    assignment = _first(ks_plan)
    response = client_for(editor).post(
        f"/plan/{ks_plan.pk}/uppfoljning/arsrapport/uppdrag/{assignment.pk}/",
        {"status": "", "comment": "Klart i december."},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    text = text_of(response)
    assert "Uppgifterna är sparade." in text and "· Halvvägs i augusti." in text
