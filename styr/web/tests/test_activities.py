"""Activities on the web: an editor adds them under a goal or an assignment, whoever reports
the goal reports their progress per report, filters find those not yet reported, and bad input
is named; a reader and an outsider change nothing."""

import re
from datetime import date

import pytest
from django.contrib.auth.models import User

from styr.activities.actions import do_report_activity, do_save_activity
from styr.activities.models import Activity, ActivityFollowUp
from styr.audit.models import AuditEntry
from styr.documents.render import Format
from styr.documents.sections.goals import goal_link
from styr.documents.tests.helpers import pdf_text, rendered
from styr.organisation.models import Unit
from styr.plans.actions import do_change_occasion_state
from styr.plans.models import Plan
from styr.scales.models import Scale
from styr.web.tests.helpers import client_for, text_of

pytestmark = pytest.mark.django_db


def _url(plan: Plan, rest: str = "") -> str:
    return f"/plan/{plan.pk}/aktiviteter/{rest}"


def _activity(plan: Plan, title: str = "Ta fram en bostadsförsörjningsplan") -> Activity:
    """An activity under the goal the demo reporter reports."""
    goal = plan.goals.exclude(reporter=None).first()
    assert goal is not None
    return do_save_activity(plan, None, {"title": title, "goal": goal}, acting_user=None)


def _option(key: str) -> str:
    return Scale.objects.current("activity-status").options.get(key=key).key


def test_the_editor_adds_an_activity_under_a_goal(editor: User, adopted_plan: Plan) -> None:
    goal = adopted_plan.goals.first()
    assert goal is not None
    unit = Unit.objects.get(name="Kanslienheten")
    response = client_for(editor).post(_url(adopted_plan, "ny/"), {
        "title": "Workshop om trygghet", "under": f"goal-{goal.pk}",
        "responsible_unit": str(unit.pk), "start": "2024-02-01", "end": "2024-05-31",
    })  # fmt: skip
    assert response.status_code == 302
    activity = adopted_plan.activities.get(title="Workshop om trygghet")
    assert (activity.goal, activity.responsible_unit, activity.end) == (
        goal,
        unit,
        date(2024, 5, 31),
    )
    page = text_of(client_for(editor).get(_url(adopted_plan)))
    assert f"Mål: {goal.title or goal_link(goal)}" in page and goal_link(goal)
    assert "Workshop om trygghet Kanslienheten 2024-02-01–2024-05-31 Inte rapporterad" in page
    assert AuditEntry.objects.filter(action="activity_created", object_id=str(activity.pk)).exists()


def test_bad_input_is_named_and_nothing_is_saved(editor: User, adopted_plan: Plan) -> None:
    client = client_for(editor)
    response = client.post(_url(adopted_plan, "ny/"), {"title": " "})
    assert response.status_code == 400 and "Aktivitet: " in text_of(response)
    response = client.post(
        _url(adopted_plan, "ny/"), {"title": "X", "start": "2024-05-01", "end": "2024-02-01"}
    )
    assert "Slut: slutdatum kan inte ligga före startdatum." in text_of(response)
    response = client.post(_url(adopted_plan, "ny/"), {"title": "X", "under": "goal-999999"})
    assert response.status_code == 400 and "Hör till:" in text_of(response)
    assert not adopted_plan.activities.exists()


def test_the_goals_reporter_reports_progress_for_the_interim_report(
    reporter: User, adopted_plan: Plan
) -> None:
    activity = _activity(adopted_plan)
    response = client_for(reporter).post(
        _url(adopted_plan, f"{activity.pk}/delar/"),
        {"status": _option("ongoing"), "percent_complete": "40 %", "comment": "Enkät klar."},
    )
    assert response.status_code == 302
    follow_up = ActivityFollowUp.objects.get(activity=activity, occasion__key="delar")
    assert (follow_up.status.label if follow_up.status else "", follow_up.percent_complete) == (
        "Pågående", 40,
    )  # fmt: skip
    page = text_of(client_for(reporter).get(_url(adopted_plan) + "?rapport=delar"))
    assert "Ta fram en bostadsförsörjningsplan – – Pågående 40 % Enkät klar." in page
    pdf = pdf_text(rendered(adopted_plan, "delarsrapport", Format.PDF, "delar"))
    assert "Pågående" in pdf and "40 %" in pdf


def test_a_percentage_out_of_range_is_refused_with_its_reason(
    editor: User, adopted_plan: Plan
) -> None:
    activity = _activity(adopted_plan)
    client = client_for(editor)
    for given, reason in [
        ("150", "ange 0–100 procent (150 angivet)"),
        ("mycket", "inte ett heltal"),
    ]:
        page = text_of(
            client.post(
                _url(adopted_plan, f"{activity.pk}/delar/"),
                {"percent_complete": given},
                follow=True,
            )
        )
        assert reason in page
    assert not ActivityFollowUp.objects.filter(activity=activity).exists()


def test_those_who_may_not_report_are_refused(
    reader: User, reporter: User, outsider: User, adopted_plan: Plan
) -> None:
    activity = _activity(adopted_plan)
    other = do_save_activity(adopted_plan, None, {"title": "Utan mål"}, acting_user=None)
    url = _url(adopted_plan, f"{activity.pk}/delar/")
    assert client_for(reader).post(url, {"percent_complete": "10"}).status_code == 403
    assert client_for(outsider).post(url, {"percent_complete": "10"}).status_code == 404
    assert client_for(outsider).get(_url(adopted_plan)).status_code == 404
    # The reporter reports their own goal's activities, not one outside what they report.
    other_url = _url(adopted_plan, f"{other.pk}/delar/")
    assert client_for(reporter).post(other_url, {"percent_complete": "10"}).status_code == 403
    assert client_for(reader).post(_url(adopted_plan, "ny/"), {"title": "X"}).status_code == 403
    assert not ActivityFollowUp.objects.filter(activity__plan=adopted_plan).exists()


def test_the_filter_finds_activities_not_yet_reported(editor: User, adopted_plan: Plan) -> None:
    done = _activity(adopted_plan, "Klar aktivitet")
    _activity(adopted_plan, "Ej rapporterad aktivitet")
    do_report_activity(
        done, adopted_plan.occasions.get(key="delar"),
        status=Scale.objects.current("activity-status").options.get(key="completed"),
        percent_complete=100, comment="", acting_user=editor,
    )  # fmt: skip
    page = text_of(
        client_for(editor).get(_url(adopted_plan) + "?rapport=delar&status=ej-rapporterad")
    )
    assert "Ej rapporterad aktivitet" in page and "Klar aktivitet" not in page
    page = text_of(client_for(editor).get(_url(adopted_plan) + "?rapport=delar&status=completed"))
    assert "Klar aktivitet" in page and "Ej rapporterad aktivitet" not in page


def test_an_adopted_reports_progress_is_not_offered_or_taken(
    editor: User, adopted_plan: Plan
) -> None:
    activity = _activity(adopted_plan)
    do_change_occasion_state(
        adopted_plan.occasions.get(key="delar"), "adopt", acting_user=editor,
        adopted_on=date(2024, 9, 20), adopted_minute="§ 88",
    )  # fmt: skip
    client = client_for(editor)
    page = text_of(client.get(_url(adopted_plan) + "?rapport=delar"))
    assert "(fastställd: kan inte ändras)" in page and "Spara rapporten" not in page
    page = text_of(
        client.post(
            _url(adopted_plan, f"{activity.pk}/delar/"), {"percent_complete": "50"}, follow=True
        )
    )
    assert "Delårsrapport 2024 är fastställd" in page
    assert not ActivityFollowUp.objects.filter(activity=activity).exists()


def test_a_refused_edit_stays_in_its_own_row(editor: User, adopted_plan: Plan) -> None:
    activity = _activity(adopted_plan)
    response = client_for(editor).post(
        _url(adopted_plan, f"{activity.pk}/"),
        {"title": "Ny titel", "start": "2024-05-01", "end": "2024-02-01"},
    )
    assert response.status_code == 400
    html = response.content.decode()
    # The typed edit is kept in the activity's own form, which posts to the activity.
    own = re.search(
        rf'action="/plan/{adopted_plan.pk}/aktiviteter/{activity.pk}/"(.*?)</form>', html, re.S
    )
    assert own is not None and 'value="Ny titel"' in own.group(1)
    assert adopted_plan.activities.count() == 1


def test_odd_digits_are_refused_not_a_crash(editor: User, adopted_plan: Plan) -> None:
    activity = _activity(adopted_plan)
    page = text_of(
        client_for(editor).post(
            _url(adopted_plan, f"{activity.pk}/delar/"), {"percent_complete": "²"}, follow=True
        )
    )
    assert "inte ett heltal mellan 0 och 100" in page
