"""Each follow-up form opens on what was reported last: the saved status, grade and goal
assessment are the chosen options, so saving again does not clear them."""

import re

import pytest
from django.contrib.auth.models import User

from styr.plans.models import Plan
from styr.web.tests.helpers import client_for

pytestmark = pytest.mark.django_db
HTMX = {"HX-Request": "true"}


def _chosen(html: str, select_id: str) -> list[str]:
    found = re.search(rf'<select id="{select_id}"[^>]*>(.*?)</select>', html, re.S)
    assert found is not None, f"no select {select_id}"
    return re.findall(r'<option value="([^"]*)" selected>', found.group(1))


def test_the_forms_show_the_saved_choices(editor: User, ks_plan: Plan) -> None:
    assignment = ks_plan.assignments.get(key="p-huset-kinna")
    goal = ks_plan.goals.get(key="basta-foretagskommun")
    base = f"/plan/{ks_plan.pk}/uppfoljning/arsrapport/"
    client = client_for(editor)
    reported = {"status": "closed", "grade": "largely", "comment": "Klart."}
    client.post(f"{base}uppdrag/{assignment.pk}/", reported, headers=HTMX)
    assessed = {"fulfilment": "partly_met", "analysis": "Färre bostäder."}
    client.post(f"{base}mal/{goal.pk}/", assessed, headers=HTMX)
    html = client.get(base).content.decode()
    assert _chosen(html, f"status-{assignment.pk}") == ["closed"]
    assert _chosen(html, f"grade-{assignment.pk}") == ["largely"]
    assert _chosen(html, f"fulfilment-{goal.pk}") == ["partly_met"]
    # An item not reported yet offers every option with none chosen.
    other = ks_plan.assignments.exclude(pk=assignment.pk).first()
    assert other is not None and _chosen(html, f"status-{other.pk}") == []


def test_a_reader_sees_the_saved_status_as_text_without_forms(
    editor: User, reader: User, ks_plan: Plan
) -> None:
    assignment = ks_plan.assignments.get(key="p-huset-kinna")
    base = f"/plan/{ks_plan.pk}/uppfoljning/arsrapport/"
    client_for(editor).post(f"{base}uppdrag/{assignment.pk}/",
                            {"status": "closed", "grade": "largely", "comment": "Klart."},
                            headers=HTMX)  # fmt: skip
    html = client_for(reader).get(base).content.decode()
    assert f'id="status-{assignment.pk}"' not in html
    assert "Status: Avslutad" in html


def test_an_outsider_is_refused_the_page(outsider: User, ks_plan: Plan) -> None:
    response = client_for(outsider).get(f"/plan/{ks_plan.pk}/uppfoljning/arsrapport/")
    assert response.status_code == 404


def test_a_choice_outside_the_scale_is_refused_and_nothing_saved(
    editor: User, ks_plan: Plan
) -> None:
    assignment = ks_plan.assignments.get(key="p-huset-kinna")
    url = f"/plan/{ks_plan.pk}/uppfoljning/delar/uppdrag/{assignment.pk}/"
    before = list(assignment.follow_ups.values_list("occasion_id", "status_id", "comment"))
    posted = {"status": "no-such", "comment": "Klart i maj."}
    refused = client_for(editor).post(url, posted, headers=HTMX)
    html = refused.content.decode()
    assert refused.status_code == 400 and "&#x27;no-such&#x27; finns inte i skalan" in html
    # What was typed stays in the form, and nothing is saved.
    assert 'name="comment" rows="2">Klart i maj.</textarea>' in html
    assert list(assignment.follow_ups.values_list("occasion_id", "status_id", "comment")) == before
