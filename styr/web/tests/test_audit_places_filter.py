"""The auditor narrows the log to one body or one plan (and the CSV follows); a body or plan
outside what they read narrows to nothing, and others do not read the log at all."""

import re
from decimal import Decimal

import pytest
from django.contrib.auth.models import User

from styr.activities.actions import do_save_activity
from styr.indicators.actions import do_set_metric_value
from styr.indicators.models import Metric, ValueKind
from styr.organisation.models import Body
from styr.plans.models import Plan
from styr.web.tests.helpers import client_for, text_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def auditor() -> User:
    return User.objects.get(username="revisor")


def _changes(editor: User, plan: Plan) -> None:
    do_save_activity(plan, None, {"title": "Workshop i KS-planen"}, acting_user=editor)
    other = Plan.objects.exclude(body=plan.body).filter(body__municipality=plan.body.municipality)
    elsewhere = other.first()
    assert elsewhere is not None
    do_save_activity(elsewhere, None, {"title": "Aktivitet i en annan nämnd"}, acting_user=None)


def test_it_narrows_to_a_plan_and_to_a_body(auditor: User, editor: User, ks_plan: Plan) -> None:
    _changes(editor, ks_plan)
    client = client_for(auditor)
    page = text_of(client.get("/logg/", {"plan": ks_plan.pk}))
    assert "Workshop i KS-planen" in page and "Aktivitet i en annan nämnd" not in page
    page = text_of(client.get("/logg/", {"organ": ks_plan.body.pk}))
    assert "Workshop i KS-planen" in page and "Aktivitet i en annan nämnd" not in page
    csv = client.get("/logg/logg.csv", {"plan": ks_plan.pk})
    text = b"".join(csv.streaming_content).decode()  # type: ignore[attr-defined]
    assert "Workshop i KS-planen" in text and "Aktivitet i en annan nämnd" not in text
    html = client.get("/logg/", {"plan": ks_plan.pk}).content.decode()
    assert f'<option value="{ks_plan.pk}" selected>' in html


def test_a_body_outside_the_auditors_municipality_narrows_to_nothing(
    auditor: User, editor: User, ks_plan: Plan
) -> None:
    _changes(editor, ks_plan)
    foreign = Body.objects.exclude(municipality=ks_plan.body.municipality).first()
    assert foreign is not None
    page = text_of(client_for(auditor).get("/logg/", {"organ": foreign.pk}))
    assert "finns inte bland dem vars logg du läser" in page
    assert "Workshop i KS-planen" not in page


def test_others_do_not_read_the_log(editor: User, outsider: User, ks_plan: Plan) -> None:
    for user in (editor, outsider):
        assert client_for(user).get("/logg/", {"plan": ks_plan.pk}).status_code == 404


def test_a_bodys_metrics_are_found_under_the_body(
    auditor: User, editor: User, ks_plan: Plan
) -> None:
    metric = Metric.objects.filter(body=ks_plan.body).first()
    assert metric is not None
    do_set_metric_value(
        metric, plan=ks_plan, year=2023, kind=ValueKind.OUTCOME, value=Decimal("47110"),
        acting_user=editor,
    )  # fmt: skip
    page = text_of(client_for(auditor).get("/logg/", {"organ": ks_plan.body.pk}))
    assert re.search(r"värde: – → 47\s110", page)
    # The log names the metric's body, as it does for an indicator.
    assert re.search(
        rf"Följetalsvärde ändrat {ks_plan.body.name} .{{0,40}}{re.escape(metric.name)}", page
    )
    other = Body.objects.filter(municipality=ks_plan.body.municipality).exclude(pk=ks_plan.body.pk)
    body = other.first()
    assert body is not None
    elsewhere = text_of(client_for(auditor).get("/logg/", {"organ": body.pk}))
    assert not re.search(r"värde: – → 47\s110", elsewhere)
