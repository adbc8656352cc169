"""Two officials reporting the same assignment or assessing the same goal from pages opened at
the same time: the second save is refused with 409, told that someone else saved and shown
what they typed, and a second save then goes through; a reader's save is refused outright."""

import re

import pytest
from django.contrib.auth.models import User
from django.test import Client

from styr.assignments.models import AssignmentFollowUp
from styr.plans.models import Plan
from styr.steering.models import GoalFollowUp
from styr.web.tests.helpers import client_for, text_of

pytestmark = pytest.mark.django_db
HTMX = {"HX-Request": "true"}


def _version(client: Client, page: str, anchor: str) -> str:
    """The version the form for `anchor` (e.g. assignment-12) was opened on."""
    html = client.get(page).content.decode()
    part = html[html.index(f'id="{anchor}"') :]
    found = re.search(r'name="based_on" value="([0-9a-f]+)"', part)
    assert found is not None
    return found[1]


def test_a_stale_assignment_report_is_refused_and_kept(
    editor: User, reporter: User, reader: User, ks_plan: Plan
) -> None:
    assignment = ks_plan.assignments.get(key="p-huset-kinna")
    page = f"/plan/{ks_plan.pk}/uppfoljning/delar/"
    url = f"{page}uppdrag/{assignment.pk}/"
    first, second = client_for(editor), client_for(editor)
    seen = _version(first, page, f"assignment-{assignment.pk}")
    assert _version(second, page, f"assignment-{assignment.pk}") == seen

    saved = first.post(url, {"status": "ongoing", "comment": "Upphandling pågår.",
                             "based_on": seen}, headers=HTMX)  # fmt: skip
    late = second.post(url, {"status": "paused", "comment": "Pausat i väntan på beslut.",
                             "based_on": seen}, headers=HTMX)  # fmt: skip

    assert saved.status_code == 200 and late.status_code == 409
    text = text_of(late)
    assert "Någon annan har sparat uppföljningen medan du skrev" in text
    assert "Din kommentar var: ”Pausat i väntan på beslut.”" in text
    stored = AssignmentFollowUp.objects.get(assignment=assignment, occasion__key="delar")
    assert stored.comment == "Upphandling pågår."
    # The form now carries the stored version: saving again replaces it, knowingly.
    again = re.search(r'name="based_on" value="([0-9a-f]+)"', late.content.decode())
    assert again is not None
    retry = second.post(url, {"status": "paused", "comment": "Pausat i väntan på beslut.",
                              "based_on": again[1]}, headers=HTMX)  # fmt: skip
    assert retry.status_code == 200
    stored.refresh_from_db()
    assert stored.comment == "Pausat i väntan på beslut."
    refused = client_for(reader).post(url, {"comment": "X", "based_on": again[1]}, headers=HTMX)
    assert refused.status_code == 403


def test_a_stale_goal_assessment_keeps_the_typed_analysis(editor: User, ks_plan: Plan) -> None:
    goal = ks_plan.goals.order_by("position").first()
    assert goal is not None
    page = f"/plan/{ks_plan.pk}/uppfoljning/delar/"
    url = f"{page}mal/{goal.pk}/"
    first, second = client_for(editor), client_for(editor)
    seen = _version(first, page, f"goal-{goal.pk}")

    first.post(url, {"fulfilment": "met", "analysis": "Alla indikatorer når målen.",
                     "based_on": seen}, headers=HTMX)  # fmt: skip
    late = second.post(url, {"fulfilment": "not_met", "analysis": "Min egen analys.",
                             "based_on": seen}, headers=HTMX)  # fmt: skip

    assert late.status_code == 409
    assert "Min egen analys." in late.content.decode()
    stored = GoalFollowUp.objects.get(goal=goal, occasion__key="delar")
    assert stored.analysis == "Alla indikatorer når målen."


def test_a_stale_control_result_is_refused_and_shown(editor: User, ks_plan: Plan) -> None:
    from styr.internal_control.models import Risk, RiskFollowUp

    risk = Risk.objects.for_plan(ks_plan).order_by("pk").first()
    assert risk is not None
    page = f"/plan/{ks_plan.pk}/uppfoljning/delar/"
    url = f"{page}risk/{risk.pk}/"
    first, second = client_for(editor), client_for(editor)
    seen = _version(first, page, f"risk-{risk.pk}")
    assert first.post(url, {"result": "Inga avvikelser.", "based_on": seen},
                      headers=HTMX).status_code == 200  # fmt: skip
    late = second.post(url, {"result": "Två avvikelser.", "based_on": seen}, headers=HTMX)
    assert late.status_code == 409
    assert "Ditt resultat var: ”Två avvikelser.”" in text_of(late)
    assert RiskFollowUp.objects.get(risk=risk, occasion__key="delar").result == "Inga avvikelser."


def test_a_stale_activity_report_is_refused(editor: User, adopted_plan: Plan) -> None:
    from styr.activities.actions import do_save_activity
    from styr.activities.models import ActivityFollowUp

    goal = adopted_plan.goals.exclude(reporter=None).first()
    activity = do_save_activity(adopted_plan, None, {"title": "Dialogmöten", "goal": goal},
                                acting_user=None)  # fmt: skip
    page = f"/plan/{adopted_plan.pk}/aktiviteter/?rapport=delar"
    url = f"/plan/{adopted_plan.pk}/aktiviteter/{activity.pk}/delar/"
    first, second = client_for(editor), client_for(editor)
    seen = _version(first, page, f"aktivitet-{activity.pk}")
    first.post(url, {"percent_complete": "40", "comment": "Två möten hållna.", "based_on": seen})
    late = second.post(url, {"percent_complete": "10", "comment": "Ett möte.", "based_on": seen})
    assert late.status_code == 409
    assert "Din kommentar var: ”Ett möte.”" in text_of(late)
    stored = ActivityFollowUp.objects.get(activity=activity, occasion__key="delar")
    assert (stored.percent_complete, stored.comment) == (40, "Två möten hållna.")


def test_a_stale_activity_edit_is_refused_and_kept(editor: User, adopted_plan: Plan) -> None:
    from styr.activities.actions import do_save_activity

    activity = do_save_activity(adopted_plan, None, {"title": "Medborgardialog"},
                                acting_user=None)  # fmt: skip
    page = f"/plan/{adopted_plan.pk}/aktiviteter/"
    html = client_for(editor).get(page).content.decode()
    part = html[html.index(f'action="/plan/{adopted_plan.pk}/aktiviteter/{activity.pk}/"') :]
    seen = re.search(r'name="based_on" value="([0-9a-f]+)"', part)
    assert seen is not None
    url = f"{page}{activity.pk}/"
    first = client_for(editor).post(url, {"title": "Medborgardialog i Kinna", "based_on": seen[1]})
    late = client_for(editor).post(url, {"title": "Dialog i Skene", "based_on": seen[1]})
    assert first.status_code == 302 and late.status_code == 409
    assert "Någon annan har sparat ändringar" in text_of(late)
    assert 'value="Dialog i Skene"' in late.content.decode()
    activity.refresh_from_db()
    assert activity.title == "Medborgardialog i Kinna"


def test_one_units_report_does_not_silently_replace_anothers(
    editor: User, adopted_plan: Plan
) -> None:
    from styr.activities.actions import do_save_activity
    from styr.activities.models import ActivityUnitComment
    from styr.organisation.models import Unit

    kansli = Unit.objects.get(name="Kanslienheten", administration__body=adopted_plan.body)
    ekonomi = Unit.objects.create(administration=kansli.administration, name="Ekonomienheten")
    goal = adopted_plan.goals.exclude(reporter=None).first()
    activity = do_save_activity(adopted_plan, None, {"title": "Budgetdialog", "goal": goal,
                                                     "units": [kansli, ekonomi]},
                                acting_user=None)  # fmt: skip
    page = f"/plan/{adopted_plan.pk}/aktiviteter/?rapport=delar"
    url = f"/plan/{adopted_plan.pk}/aktiviteter/{activity.pk}/delar/"
    seen = _version(client_for(editor), page, f"aktivitet-{activity.pk}")
    # Kanslienheten and Ekonomienheten each write their own comment from the same page.
    assert client_for(editor).post(url, {f"unit-{kansli.pk}": "Kallelser skickade.",
                                         f"unit-{ekonomi.pk}": "", "based_on": seen}
                                   ).status_code == 302  # fmt: skip
    late = client_for(editor).post(url, {f"unit-{kansli.pk}": "",
                                         f"unit-{ekonomi.pk}": "Underlag klart.",
                                         "based_on": seen})  # fmt: skip
    assert late.status_code == 409
    said = {c.unit.name: c.comment
            for c in ActivityUnitComment.objects.filter(follow_up__activity=activity)}  # fmt: skip
    assert said == {"Kanslienheten": "Kallelser skickade."}
