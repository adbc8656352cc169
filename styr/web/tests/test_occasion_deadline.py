"""Editors set a report's last day to report on the plan page; others cannot."""

from datetime import date

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from styr.plans.actions import do_change_occasion_state
from styr.plans.models import Plan
from styr.web.tests.helpers import client_for, text_of

pytestmark = pytest.mark.django_db


def _url(plan: Plan) -> str:
    return reverse("web:occasion-deadline", args=[plan.pk, "delar"])


def test_an_editor_sets_the_deadline_on_the_plan_page(editor: User, adopted_plan: Plan) -> None:
    client = client_for(editor)
    page = client.get(reverse("web:plan", args=[adopted_plan.pk]))
    assert f'action="{_url(adopted_plan)}"' in page.content.decode()

    response = client.post(_url(adopted_plan), {"deadline": "2024-09-10"}, follow=True)

    assert adopted_plan.occasions.get(key="delar").deadline == date(2024, 9, 10)
    assert "Sista dag att rapportera: 2024-09-10" in text_of(response)


def test_a_wrong_date_is_said_and_changes_nothing(editor: User, ks_plan: Plan) -> None:
    response = client_for(editor).post(_url(ks_plan), {"deadline": "10/9"}, follow=True)
    assert "ska skrivas ÅÅÅÅ-MM-DD" in text_of(response)
    assert ks_plan.occasions.get(key="delar").deadline is None


def test_readers_and_reporters_may_not(reader: User, reporter: User, ks_plan: Plan) -> None:
    for user in (reader, reporter):
        assert client_for(user).post(_url(ks_plan), {"deadline": "2024-09-10"}).status_code == 403
    assert ks_plan.occasions.get(key="delar").deadline is None


def test_an_adopted_report_refuses_it(editor: User, adopted_plan: Plan) -> None:
    occasion = adopted_plan.occasions.get(key="delar")
    do_change_occasion_state(
        occasion, "adopt", acting_user=None, adopted_on=date(2024, 9, 20), adopted_minute="§ 9"
    )
    response = client_for(editor).post(_url(adopted_plan), {"deadline": "2024-09-10"}, follow=True)
    assert "är fastställd" in text_of(response)
    assert adopted_plan.occasions.get(key="delar").deadline is None
