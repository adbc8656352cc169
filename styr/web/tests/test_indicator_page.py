"""An indicator's page: trend chart with a data table, and entering values."""

import re

import pytest
from django.contrib.auth.models import User
from django.test import Client

from styr.audit.models import AuditEntry
from styr.indicators.models import Indicator
from styr.plans.models import Plan
from styr.testing.workflow import lock_plan
from styr.web.tests.helpers import client_for, text_of

pytestmark = pytest.mark.django_db


def _housing(plan: Plan) -> Indicator:
    return Indicator.objects.get(body=plan.body, key="nya-bostader")


def _url(plan: Plan) -> str:
    return f"/plan/{plan.pk}/indikator/{_housing(plan).pk}/"


def test_it_shows_a_chart_and_the_same_values_in_a_table(reader: User, ks_plan: Plan) -> None:
    response = client_for(reader).get(_url(ks_plan))
    page = response.content.decode()
    assert '<svg role="img" aria-labelledby="chart-title chart-desc"' in page
    assert "<polyline" in page
    text = text_of(response)
    assert "2021 124" in text and "2022 158" in text and "2023 97 ≥ 96" in text
    assert "Ange ett värde" not in text  # a reader does not enter values


def test_the_editor_enters_an_outcome_and_the_status_follows(editor: User, ks_plan: Plan) -> None:
    client = client_for(editor)
    response = client.post(
        _url(ks_plan), {"year": 2024, "kind": "outcome", "value": "85", "comparator": ""}
    )
    assert response.status_code == 200
    assert "Status 2024: Ej uppnått" in text_of(response)
    # The save says so, where a screen reader announces it.
    assert (
        '<p role="status" class="saved">Utfall 2024 är sparat: 85.</p>' in response.content.decode()
    )
    client.post(_url(ks_plan), {"year": 2024, "kind": "outcome", "value": "101", "comparator": ""})
    assert "Status 2024: Uppnått" in text_of(client.get(_url(ks_plan)))
    assert AuditEntry.objects.filter(action="indicator_value_set").count() >= 2


def test_an_empty_value_removes_it(editor: User, ks_plan: Plan) -> None:
    response = client_for(editor).post(
        _url(ks_plan), {"year": 2024, "kind": "target", "value": "", "comparator": ""}
    )
    assert not _housing(ks_plan).values.filter(year=2024, kind="target").exists()
    assert "Mål 2024 är borttaget." in text_of(response)


def test_a_value_that_is_not_a_number_is_named(editor: User, ks_plan: Plan) -> None:
    response = client_for(editor).post(
        _url(ks_plan), {"year": 2024, "kind": "outcome", "value": "tolv", "comparator": ""}
    )
    assert response.status_code == 400
    assert "Värde: ”tolv” är inte ett tal" in text_of(response)


def test_a_reader_cannot_enter_values(reader: User, ks_plan: Plan) -> None:
    response = client_for(reader).post(
        _url(ks_plan), {"year": 2024, "kind": "outcome", "value": "1"}
    )
    assert response.status_code == 403
    assert not _housing(ks_plan).values.filter(year=2024, kind="outcome").exists()


def test_next_years_draft_cannot_rewrite_a_locked_years_target(editor: User, ks_plan: Plan) -> None:
    from datetime import date

    from styr.plans.actions import do_change_plan_state
    from styr.plans.copying import do_copy_plan_to_next_year

    do_change_plan_state(
        ks_plan, "adopt", acting_user=editor, adopted_on=date(2023, 11, 22), adopted_minute="§ 1"
    )
    lock_plan(ks_plan)
    draft = do_copy_plan_to_next_year(ks_plan, acting_user=editor)
    housing = _housing(ks_plan)
    response = client_for(editor).post(
        f"/plan/{draft.pk}/indikator/{housing.pk}/",
        {"year": 2024, "kind": "target", "value": "1", "comparator": "≥"},
    )
    assert response.status_code == 400 and "kan inte ändras" in text_of(response)
    assert housing.values.get(year=2024, kind="target").value == 96


def test_outcomes_are_entered_after_adoption_but_targets_are_not(
    editor: User, ks_plan: Plan
) -> None:
    from datetime import date

    from styr.plans.actions import do_change_plan_state

    do_change_plan_state(
        ks_plan, "adopt", acting_user=editor, adopted_on=date(2023, 11, 22), adopted_minute="§ 1"
    )
    client = client_for(editor)
    page = client.get(_url(ks_plan)).content.decode()
    assert 'name="kind"' in page and '<option value="target">' not in page
    client.post(_url(ks_plan), {"year": 2024, "kind": "outcome", "value": "90", "comparator": ""})
    assert _housing(ks_plan).values.filter(year=2024, kind="outcome", value=90).exists()
    refused = client.post(
        _url(ks_plan), {"year": 2024, "kind": "target", "value": "1", "comparator": "≥"}
    )
    assert refused.status_code == 400


def test_a_year_outside_the_plans_range_is_named(editor: User, ks_plan: Plan) -> None:
    response = client_for(editor).post(
        _url(ks_plan), {"year": -3, "kind": "outcome", "value": "1", "comparator": ""}
    )
    assert response.status_code == 400 and "År: välj ett år mellan 2020 och 2026." in text_of(
        response
    )


def _seen_on_page(client: Client, url: str) -> str:
    page = client.get(url).content.decode()
    match = re.search(r'name="seen" value="([^"]*)"', page)
    assert match is not None
    return match.group(1)


def test_a_value_saved_meanwhile_by_someone_else_is_not_overwritten_silently(
    editor: User, ks_plan: Plan
) -> None:
    client = client_for(editor)
    url = _url(ks_plan)
    seen = _seen_on_page(client, url)  # both colleagues open the page: 2023 outcome is 97
    posted = {"year": 2023, "kind": "outcome", "comparator": "", "seen": seen}
    assert client.post(url, {**posted, "value": "99"}).status_code == 200
    response = client.post(url, {**posted, "value": "98"})
    assert response.status_code == 409
    text = text_of(response)
    assert "Någon annan har ändrat värdet till 99 medan du skrev." in text
    page = response.content.decode()
    assert 'name="value" inputmode="decimal" value="98"' in page
    assert '<option value="2023" selected>' in page
    assert _housing(ks_plan).values.get(year=2023, kind="outcome").value == 99
    # From the page as it now stands, the second save goes through.
    again = {**posted, "seen": _seen_on_page(client, url), "value": "98"}
    assert client.post(url, again).status_code == 200
    assert _housing(ks_plan).values.get(year=2023, kind="outcome").value == 98
