"""Metrics (följetal) in the browser: tables by group, values entered cell by cell."""

from datetime import date
from decimal import Decimal

import pytest
from django.contrib.auth.models import User

from styr.audit.models import AuditEntry
from styr.indicators.models import MetricGroup, MetricValue
from styr.plans.actions import do_change_plan_state
from styr.plans.models import Plan
from styr.testing.workflow import lock_plan
from styr.web.tests.helpers import client_for, text_of

pytestmark = pytest.mark.django_db
HTMX = {"HX-Request": "true"}


def _sick_leave(plan: Plan) -> tuple[MetricGroup, int]:
    group = next(g for g in plan.metric_groups.all() if "Sjukfrånvaro" in g.title)
    metric = group.metrics.get(key="sjukfranvaro-alla-anstallda")
    return group, metric.pk


def test_it_shows_the_groups_as_tables(reader: User, ks_plan: Plan) -> None:
    text = text_of(client_for(reader).get(f"/plan/{ks_plan.pk}/foljetal/"))
    assert "Följetal i Nämndplan 2024" in text and "Personal - Sjukfrånvaro" in text
    assert "Utfall 2021" in text and "Prognos 2024" in text
    assert (
        'name="value"'
        not in client_for(reader).get(f"/plan/{ks_plan.pk}/foljetal/").content.decode()
    )


def test_the_editor_enters_a_forecast(editor: User, ks_plan: Plan) -> None:
    group, metric = _sick_leave(ks_plan)
    response = client_for(editor).post(
        f"/plan/{ks_plan.pk}/foljetal/{group.pk}/",
        {"metric": metric, "year": 2024, "kind": "forecast", "value": "6,2", "seen": ""},
        headers=HTMX,
    )
    assert response.status_code == 200
    assert 'value="6,2"' in response.content.decode()
    assert MetricValue.objects.get(metric_id=metric, year=2024, kind="forecast").value == Decimal(
        "6.2"
    )
    assert AuditEntry.objects.filter(action="metric_value_set", actor=editor).exists()


def test_a_bad_value_is_named_and_kept(editor: User, ks_plan: Plan) -> None:
    group, metric = _sick_leave(ks_plan)
    response = client_for(editor).post(
        f"/plan/{ks_plan.pk}/foljetal/{group.pk}/",
        {"metric": metric, "year": 2024, "kind": "forecast", "value": "ca 6"},
        headers=HTMX,
    )
    assert response.status_code == 400
    assert "Prognos 2024: ”ca 6” är inte ett tal" in text_of(response)
    assert 'value="ca 6"' in response.content.decode()
    assert not MetricValue.objects.filter(metric_id=metric, year=2024, kind="forecast").exists()


def test_a_value_changed_meanwhile_is_not_overwritten(editor: User, ks_plan: Plan) -> None:
    group, metric = _sick_leave(ks_plan)
    url = f"/plan/{ks_plan.pk}/foljetal/{group.pk}/"
    posted = {"metric": metric, "year": 2024, "kind": "forecast", "seen": ""}
    client = client_for(editor)
    assert client.post(url, {**posted, "value": "6"}, headers=HTMX).status_code == 200
    response = client.post(url, {**posted, "value": "7"}, headers=HTMX)
    assert response.status_code == 409
    assert "någon annan har ändrat värdet till" in text_of(response)
    assert MetricValue.objects.get(metric_id=metric, year=2024, kind="forecast").value == 6


def test_forecasts_are_entered_after_adoption_until_the_plan_is_locked(
    editor: User, ks_plan: Plan
) -> None:
    group, metric = _sick_leave(ks_plan)
    url = f"/plan/{ks_plan.pk}/foljetal/{group.pk}/"
    posted = {"metric": metric, "year": 2024, "kind": "forecast", "value": "5"}
    do_change_plan_state(
        ks_plan, "adopt", acting_user=editor, adopted_on=date(2023, 11, 22), adopted_minute="§ 1"
    )
    assert client_for(editor).post(url, posted, headers=HTMX).status_code == 200
    lock_plan(ks_plan)
    response = client_for(editor).post(url, {**posted, "value": "4"}, headers=HTMX)
    assert response.status_code == 400 and "kan inte ändras" in text_of(response)
    assert MetricValue.objects.get(metric_id=metric, year=2024, kind="forecast").value == 5


def test_readers_and_outsiders_are_refused(reader: User, outsider: User, ks_plan: Plan) -> None:
    group, metric = _sick_leave(ks_plan)
    url = f"/plan/{ks_plan.pk}/foljetal/{group.pk}/"
    posted = {"metric": metric, "year": 2024, "kind": "forecast", "value": "1"}
    assert client_for(reader).post(url, posted).status_code == 403
    assert client_for(outsider).post(url, posted).status_code == 404
    assert client_for(outsider).get(f"/plan/{ks_plan.pk}/foljetal/").status_code == 404
    assert not MetricValue.objects.filter(metric_id=metric, year=2024, kind="forecast").exists()
