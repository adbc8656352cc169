"""A goal assessment's analysis can be marked internal (not shown to residents): the box is
saved with the assessment, shown ticked again, kept as typed when the save is refused, and the
change is in the audit log. Readers, outsiders and a decided report are refused."""

import re
from datetime import date

import pytest
from django.contrib.auth.models import User

from styr.audit.models import AuditEntry
from styr.plans.actions import do_change_occasion_state
from styr.plans.models import Plan
from styr.steering.models import GoalFollowUp
from styr.web.tests.helpers import client_for, text_of

pytestmark = pytest.mark.django_db
HTMX = {"HX-Request": "true"}
KEY = "basta-foretagskommun"


def _url(plan: Plan) -> str:
    return f"/plan/{plan.pk}/uppfoljning/delar/mal/{plan.goals.get(key=KEY).pk}/"


def _box(page: str) -> str:
    found = re.search(r'<input type="checkbox" id="analysis-internal-\d+" name="internal"[^>]*>',
                      page)  # fmt: skip
    assert found is not None, "the card has the box"
    return found[0]


def test_the_editor_marks_an_analysis_internal(editor: User, adopted_plan: Plan) -> None:
    posted = {"fulfilment": "partly_met", "analysis": "Två förhandlingar pågår.",
              "internal": "ja"}  # fmt: skip

    saved = client_for(editor).post(_url(adopted_plan), posted, headers=HTMX)

    assert saved.status_code == 200 and "Bedömningen är sparad." in text_of(saved)
    assert "Intern analys – visas inte för invånare" in text_of(saved)
    assert " checked" in _box(saved.content.decode())
    stored = GoalFollowUp.objects.get(goal__plan=adopted_plan, goal__key=KEY,
                                      occasion__key="delar")  # fmt: skip
    assert (stored.analysis, stored.internal) == ("Två förhandlingar pågår.", True)
    entry = AuditEntry.objects.get(action="goal_assessed", actor=editor)
    assert entry.changes["internal"] == [False, True]


def test_a_refused_save_keeps_the_box_as_ticked(editor: User, ks_plan: Plan) -> None:
    refused = client_for(editor).post(
        _url(ks_plan), {"fulfilment": "partly_met", "analysis": " ", "internal": "ja"},
        headers=HTMX,
    )  # fmt: skip
    assert refused.status_code == 400 and "Analys: skriv varför" in text_of(refused)
    assert " checked" in _box(refused.content.decode())
    assert not GoalFollowUp.objects.filter(goal__key=KEY, internal=True).exists()


def test_readers_outsiders_and_a_decided_report_are_refused(
    reader: User, outsider: User, editor: User, adopted_plan: Plan
) -> None:
    posted = {"fulfilment": "met", "analysis": "Klart.", "internal": "ja"}
    assert client_for(reader).post(_url(adopted_plan), posted).status_code == 403
    assert client_for(outsider).post(_url(adopted_plan), posted).status_code == 404
    do_change_occasion_state(
        adopted_plan.occasions.get(key="delar"), "adopt", acting_user=None,
        adopted_on=date(2024, 9, 20), adopted_minute="§ 88",
    )  # fmt: skip
    refused = client_for(editor).post(_url(adopted_plan), posted, headers=HTMX)
    assert refused.status_code == 400 and "fastställd" in text_of(refused)
    assert not GoalFollowUp.objects.filter(goal__key=KEY, internal=True).exists()
