"""The assignment's form says whether residents are shown it: a new assignment is published
unless the box is unticked, the edit form shows the box as saved, the change is in the audit
log; others may not, and an adopted plan refuses it like the rest of the assignment."""

import re

import pytest
from django.contrib.auth.models import User

from styr.assignments.models import Assignment
from styr.audit.models import AuditEntry
from styr.plans.models import Plan
from styr.web.forms import AssignmentForm
from styr.web.tests.helpers import client_for, text_of

pytestmark = pytest.mark.django_db
HTMX = {"HX-Request": "true"}


def _posted(assignment: Assignment, *, public: bool) -> dict[str, str]:
    """The edit form as opened, its box ticked or not (an unticked box is not posted)."""
    form = AssignmentForm(instance=assignment)
    data = {name: form[name].value() for name in form.fields if name != "public"}
    data = {name: "" if value is None else str(value) for name, value in data.items()}
    return {**data, "public": "on"} if public else data


def _box(page: str, assignment: Assignment) -> str:
    found = re.search(rf'<input type="checkbox"[^>]* id="a{assignment.pk}_public"[^>]*>', page)
    assert found is not None, "the form has the box"
    return found[0]


def test_a_new_assignment_is_offered_as_published(editor: User, ks_plan: Plan) -> None:
    page = client_for(editor).get(f"/plan/{ks_plan.pk}/uppdrag/").content.decode()
    box = re.search(r'<input type="checkbox"[^>]* id="any_public"[^>]*>', page)
    assert box is not None and " checked" in box[0]
    assert "Visas för invånare (offentlig)" in page


def test_the_editor_stops_publishing_an_assignment(editor: User, ks_plan: Plan) -> None:
    assignment = ks_plan.assignments.get(key="cykelstrategi")
    url = f"/plan/{ks_plan.pk}/uppdrag/{assignment.pk}/"
    client = client_for(editor)

    saved = client.post(url, _posted(assignment, public=False), headers=HTMX)

    assert saved.status_code == 200 and "Uppdraget är sparat." in text_of(saved)
    assert Assignment.objects.get(pk=assignment.pk).public is False
    entry = AuditEntry.objects.get(action="assignment_changed", actor=editor)
    assert entry.changes == {"public": [True, False]}
    reopened = client.get(url).content.decode()
    assert " checked" not in _box(reopened, assignment)

    client.post(url, _posted(Assignment.objects.get(pk=assignment.pk), public=True))
    assert Assignment.objects.get(pk=assignment.pk).public is True


def test_only_the_editor_of_a_plan_not_yet_adopted_may(
    reader: User, outsider: User, editor: User, adopted_plan: Plan
) -> None:
    assignment = adopted_plan.assignments.get(key="cykelstrategi")
    url = f"/plan/{adopted_plan.pk}/uppdrag/{assignment.pk}/"
    posted = _posted(assignment, public=False)
    assert client_for(reader).post(url, posted).status_code == 403
    assert client_for(outsider).post(url, posted).status_code == 404
    refused = client_for(editor).post(url, posted)
    assert refused.status_code == 400 and "fastställd" in text_of(refused)
    assert Assignment.objects.get(pk=assignment.pk).public is True
