"""The auditor narrows the log by period, person and action, reads values the Swedish way, and
takes the narrowed log to Excel as CSV; no one else reads it."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from styr.indicators.actions import do_set_indicator_value
from styr.indicators.models import Indicator, ValueKind
from styr.plans.models import Plan
from styr.web.tests.helpers import client_for, text_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def auditor() -> User:
    return User.objects.get(username="revisor")


def _set_value(plan: Plan, editor: User) -> None:
    indicator = Indicator.objects.get(body=plan.body, key="nya-bostader")
    do_set_indicator_value(
        indicator, plan=plan, year=2024, kind=ValueKind.OUTCOME, value=Decimal("85.5"),
        acting_user=editor,
    )  # fmt: skip


def test_it_narrows_by_action_person_and_period(auditor: User, editor: User, ks_plan: Plan) -> None:
    _set_value(ks_plan, editor)
    client = client_for(auditor)
    today = timezone.localdate()

    found = text_of(client.get("/logg/", {"handelse": "indicator_value_set", "vem": "ks.red",
                                          "fran": today.isoformat()}))  # fmt: skip
    assert "1 poster i urvalet" in found and "värde: – → 85,5" in found

    tomorrow = (today + timedelta(days=1)).isoformat()
    later = text_of(client.get("/logg/", {"handelse": "indicator_value_set", "fran": tomorrow}))
    assert "0 poster i urvalet" in later
    nobody = text_of(client.get("/logg/", {"handelse": "indicator_value_set", "vem": "politiker"}))
    assert "0 poster i urvalet" in nobody


def test_a_date_it_cannot_read_is_named(auditor: User) -> None:
    response = client_for(auditor).get("/logg/", {"fran": "31/12/2024"})
    assert response.status_code == 200
    assert "Från och med: skriv datumet ÅÅÅÅ-MM-DD (”31/12/2024” går inte att läsa)." in text_of(
        response
    )


def test_the_narrowed_log_downloads_as_csv(auditor: User, editor: User, ks_plan: Plan) -> None:
    _set_value(ks_plan, editor)
    client = client_for(auditor)
    page = client.get("/logg/", {"handelse": "indicator_value_set"}).content.decode()
    assert 'href="/logg/logg.csv?handelse=indicator_value_set"' in page

    response = client.get("/logg/logg.csv", {"handelse": "indicator_value_set"})

    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    lines = b"".join(response.streaming_content).decode("utf-8").splitlines()  # type: ignore[attr-defined]
    assert lines[0] == "\ufeffTid;Vem;Händelse;Nämnd;Plan;Objekt;Fält;Före;Efter"
    value_lines = [line for line in lines[1:] if ";värde;" in line]
    assert len(value_lines) == 1
    assert value_lines[0].split(";")[1:] == [
        "ks.redaktor", "Indikatorvärde ändrat", "Kommunstyrelsen", "",
        "Antal nya bostäder i kommunen", "värde", "–", "85,5",
    ]  # fmt: skip


def test_those_who_are_not_auditors_are_refused(editor: User, outsider: User) -> None:
    for user in (editor, outsider):
        assert client_for(user).get("/logg/logg.csv").status_code == 404
        assert client_for(user).get("/logg/", {"handelse": "plan_adopt"}).status_code == 404
