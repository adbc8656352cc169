"""The auditor reads in the log which body and plan each change was in, and follows the object
to its page; a page of the log costs the same number of queries however many kinds of object
it lists."""

import re
from decimal import Decimal

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test.utils import CaptureQueriesContext

from styr.assignments.actions import do_save_assignment
from styr.indicators.actions import do_set_indicator_value
from styr.indicators.models import Indicator, ValueKind
from styr.plans.actions import do_update_plan_text, fingerprint
from styr.plans.models import Plan
from styr.web.tests.helpers import client_for, text_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def auditor() -> User:
    return User.objects.get(username="revisor")


def _change_things(plan: Plan, editor: User) -> int:
    assignment = plan.assignments.order_by("position").first()
    assert assignment is not None
    do_save_assignment(plan, assignment, {"text": "Ändrat uppdrag."}, acting_user=editor)
    chapter = plan.texts.get(key="agenda_2030")
    do_update_plan_text(plan, "agenda_2030", "Ny text.", based_on=fingerprint(chapter.text),
                        acting_user=editor)  # fmt: skip
    indicator = Indicator.objects.get(body=plan.body, key="nya-bostader")
    do_set_indicator_value(indicator, plan=plan, year=2024, kind=ValueKind.OUTCOME,
                           value=Decimal(90), acting_user=editor)  # fmt: skip
    return assignment.pk


def test_each_change_names_its_body_and_plan_and_links_its_object(
    auditor: User, editor: User, ks_plan: Plan
) -> None:
    assignment = _change_things(ks_plan, editor)
    response = client_for(auditor).get("/logg/", {"vem": "ks.redaktor"})
    page = response.content.decode()
    assert f'href="/plan/{ks_plan.pk}/uppdrag/#a-{assignment}">' in page
    assert f'href="/plan/{ks_plan.pk}/text/agenda_2030/">' in page
    assert re.search(r'href="/plan/\d+/indikator/\d+/">Antal nya bostäder', page)
    assert "Uppdrag ändrat Kommunstyrelsen Nämndplan 2024" in text_of(response)


def test_a_page_of_many_kinds_costs_no_more_queries(
    auditor: User, editor: User, ks_plan: Plan
) -> None:
    _change_things(ks_plan, editor)
    client = client_for(auditor)
    client.get("/logg/")

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/logg/").status_code == 200
        return len(captured)

    before = queries()
    for _ in range(3):
        _change_things(ks_plan, editor)
    # Three times the entries of each kind on the page: each kind is resolved at once.
    assert queries() == before


def test_the_log_stays_closed_to_others(editor: User, outsider: User) -> None:
    for user in (editor, outsider):
        assert client_for(user).get("/logg/", {"vem": "ks"}).status_code == 404
