"""An assignment's follow-up comment can be marked internal (not shown to residents): the box
is saved, shown ticked again with the comment marked where it is read, and the change is in
the audit log. It is follow-up: allowed after the plan's adoption, refused once the report is
decided, and never by readers or outsiders."""

import re
from datetime import date

import pytest
from django.contrib.auth.models import User

from styr.assignments.models import AssignmentFollowUp
from styr.audit.models import AuditEntry
from styr.plans.actions import do_change_occasion_state
from styr.plans.models import Plan
from styr.web.tests.helpers import client_for, text_of

pytestmark = pytest.mark.django_db
HTMX = {"HX-Request": "true"}
KEY = "p-huset-kinna"


def _url(plan: Plan) -> str:
    assignment = plan.assignments.get(key=KEY)
    return f"/plan/{plan.pk}/uppfoljning/delar/uppdrag/{assignment.pk}/"


def _box(page: str) -> str:
    found = re.search(r'<input type="checkbox" id="comment-internal-\d+" name="internal"[^>]*>',
                      page)  # fmt: skip
    assert found is not None, "the card has the box"
    return found[0]


def _stored(plan: Plan) -> AssignmentFollowUp:
    return AssignmentFollowUp.objects.get(assignment__plan=plan, assignment__key=KEY,
                                          occasion__key="delar")  # fmt: skip


def test_the_editor_marks_a_comment_internal_and_public_again(
    editor: User, adopted_plan: Plan
) -> None:
    client = client_for(editor)
    posted = {"status": "ongoing", "comment": "Förhandling med fastighetsägaren.",
              "internal": "ja"}  # fmt: skip

    saved = client.post(_url(adopted_plan), posted, headers=HTMX)

    assert saved.status_code == 200 and "Uppgifterna är sparade." in text_of(saved)
    assert "Intern kommentar – visas inte för invånare" in text_of(saved)
    assert " checked" in _box(saved.content.decode())
    assert _stored(adopted_plan).internal is True
    entry = AuditEntry.objects.get(action="assignment_reported", actor=editor)
    assert entry.changes["internal"] == [False, True]
    page = client.get(f"/plan/{adopted_plan.pk}/uppfoljning/delar/").content.decode()
    card = page.split(f'id="assignment-{_stored(adopted_plan).assignment_id}"', 1)[1]
    assert " checked" in _box(card)

    # Unticked, the browser posts no box at all.
    posted.pop("internal")
    again = client.post(_url(adopted_plan), posted, headers=HTMX)
    assert " checked" not in _box(again.content.decode())
    assert _stored(adopted_plan).internal is False


def test_the_reader_sees_the_comment_marked_internal(
    editor: User, reader: User, ks_plan: Plan
) -> None:
    client_for(editor).post(
        _url(ks_plan), {"comment": "Hyresnivån förhandlas.", "internal": "ja"}, headers=HTMX
    )
    text = text_of(client_for(reader).get(f"/plan/{ks_plan.pk}/uppfoljning/delar/"))
    assert "Hyresnivån förhandlas. (intern, visas inte för invånare)" in text


def test_readers_outsiders_and_a_decided_report_are_refused(
    reader: User, outsider: User, editor: User, adopted_plan: Plan
) -> None:
    posted = {"comment": "Hemligt.", "internal": "ja"}
    assert client_for(reader).post(_url(adopted_plan), posted).status_code == 403
    assert client_for(outsider).post(_url(adopted_plan), posted).status_code == 404
    do_change_occasion_state(
        adopted_plan.occasions.get(key="delar"), "adopt", acting_user=None,
        adopted_on=date(2024, 9, 20), adopted_minute="§ 88",
    )  # fmt: skip
    refused = client_for(editor).post(_url(adopted_plan), posted, headers=HTMX)
    assert refused.status_code == 400 and "fastställd" in text_of(refused)
    assert not AssignmentFollowUp.objects.filter(
        assignment__plan=adopted_plan, assignment__key=KEY, occasion__key="delar", internal=True
    ).exists()
