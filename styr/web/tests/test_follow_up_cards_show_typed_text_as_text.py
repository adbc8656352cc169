"""The follow-up page's cards show what officials typed (an assignment's text, a comment, a
goal's analysis) as text, on the page and in the card a save answers with."""

import pytest
from django.contrib.auth.models import User

from styr.assignments.models import Assignment
from styr.plans.models import Plan
from styr.web.tests.helpers import client_for

pytestmark = pytest.mark.django_db
HTMX = {"HX-Request": "true"}
TYPED = '<img src=x onerror="alert(1)"> & more'
SHOWN = "&lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp; more"


def test_the_cards_escape_what_was_typed(editor: User, reader: User, ks_plan: Plan) -> None:
    assignment = ks_plan.assignments.get(key="p-huset-kinna")
    Assignment.objects.filter(pk=assignment.pk).update(text=TYPED)
    goal = ks_plan.goals.get(key="basta-foretagskommun")
    base = f"/plan/{ks_plan.pk}/uppfoljning/delar/"
    reported = {"status": "ongoing", "comment": TYPED}
    saved = client_for(editor).post(f"{base}uppdrag/{assignment.pk}/", reported, headers=HTMX)
    answer = saved.content.decode()
    assert saved.status_code == 200 and f"<p>{SHOWN}</p>" in answer
    assert f'name="comment" rows="2">{SHOWN}</textarea>' in answer and "<img" not in answer
    assessed = client_for(editor).post(
        f"{base}mal/{goal.pk}/",
        {"fulfilment": "met", "analysis": f"{TYPED}\nRad två."},
        headers=HTMX,
    )
    assert "<img" not in assessed.content.decode()
    # A reader sees the analysis as text, its lines kept, and the comment beside the status.
    page = client_for(reader).get(base).content.decode()
    assert f"<p>{SHOWN}<br>Rad två.</p>" in page
    assert f"Status: Pågående · {SHOWN}" in page and "<img" not in page


def test_an_outsider_cannot_save_a_card(outsider: User, ks_plan: Plan) -> None:
    assignment = ks_plan.assignments.get(key="p-huset-kinna")
    response = client_for(outsider).post(
        f"/plan/{ks_plan.pk}/uppfoljning/delar/uppdrag/{assignment.pk}/",
        {"status": "ongoing", "comment": TYPED}, headers=HTMX,
    )  # fmt: skip
    assert response.status_code == 404
