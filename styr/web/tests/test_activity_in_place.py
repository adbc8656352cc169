"""A report sent from the activity list in place (htmx) answers with that activity's rows:
saved and said so to a screen reader, or refused with the reason beside the form as typed;
someone who may not report gets nothing."""

import re

import pytest
from django.contrib.auth.models import User

from styr.activities.actions import do_save_activity
from styr.activities.models import Activity, ActivityFollowUp
from styr.plans.models import Plan
from styr.web.tests.helpers import client_for

pytestmark = pytest.mark.django_db
HTMX = {"HX-Request": "true"}


def _activity(plan: Plan) -> Activity:
    goal = plan.goals.exclude(reporter=None).first()
    assert goal is not None
    return do_save_activity(plan, None, {"title": "Boka workshop", "goal": goal}, acting_user=None)


def test_it_answers_with_the_saved_rows(reporter: User, adopted_plan: Plan) -> None:
    activity = _activity(adopted_plan)
    url = f"/plan/{adopted_plan.pk}/aktiviteter/{activity.pk}/delar/"
    response = client_for(reporter).post(
        url, {"status": "ongoing", "percent_complete": "40", "comment": "Lokal bokad"}, headers=HTMX
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith("<tbody") and "<html" not in html
    assert f'<tbody id="aktivitet-{activity.pk}">' in html
    assert '<p role="status">Rapporten för Delårsrapport 2024 är sparad.</p>' in html
    assert "40 %" in html and "Lokal bokad" in html and f'id="spara-{activity.pk}"' in html
    assert ActivityFollowUp.objects.get(activity=activity).percent_complete == 40


def test_a_refusal_stays_in_the_row(reporter: User, adopted_plan: Plan) -> None:
    activity = _activity(adopted_plan)
    url = f"/plan/{adopted_plan.pk}/aktiviteter/{activity.pk}/delar/"
    response = client_for(reporter).post(url, {"percent_complete": "tio"}, headers=HTMX)
    html = response.content.decode()
    assert response.status_code == 400
    assert 'role="alert"' in html and "inte ett heltal mellan 0 och 100" in html
    assert not ActivityFollowUp.objects.filter(activity=activity).exists()


def test_others_are_refused_in_place_too(reader: User, outsider: User, adopted_plan: Plan) -> None:
    activity = _activity(adopted_plan)
    url = f"/plan/{adopted_plan.pk}/aktiviteter/{activity.pk}/delar/"
    sent = {"percent_complete": "10"}
    assert client_for(reader).post(url, sent, headers=HTMX).status_code == 403
    assert client_for(outsider).post(url, sent, headers=HTMX).status_code == 404
    assert not ActivityFollowUp.objects.filter(activity=activity).exists()


def test_a_report_saved_meanwhile_by_someone_else_is_kept(
    editor: User, reporter: User, adopted_plan: Plan
) -> None:
    activity = _activity(adopted_plan)
    url = f"/plan/{adopted_plan.pk}/aktiviteter/{activity.pk}/delar/"
    html = client_for(reporter).get(f"/plan/{adopted_plan.pk}/aktiviteter/?rapport=delar")
    opened = re.search(r'name="based_on" value="([0-9a-f]+)"', html.content.decode())
    assert opened is not None
    # The editor reports first; the reporter's form was opened before that.
    client_for(editor).post(url, {"percent_complete": "20", "based_on": opened.group(1)})
    response = client_for(reporter).post(
        url, {"percent_complete": "90", "comment": "Klart snart", "based_on": opened.group(1)},
        headers=HTMX,
    )  # fmt: skip
    html_text = response.content.decode()
    assert response.status_code == 409 and html_text.lstrip().startswith("<tbody")
    assert "någon annan har rapporterat aktiviteten" in html_text and "Klart snart" in html_text
    assert ActivityFollowUp.objects.get(activity=activity).percent_complete == 20
