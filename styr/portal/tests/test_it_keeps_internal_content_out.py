"""Drafts of a report, analyses and comments marked internal, what the municipality marks not
public, and internal control never reach the portal."""

import pytest

from styr.assignments.models import Assignment
from styr.indicators.models import Indicator
from styr.internal_control.models import Risk
from styr.plans.models import Plan
from styr.portal.tests.conftest import portal_get
from styr.web.tests.helpers import client_for

pytestmark = pytest.mark.django_db

PLAN = "/oppen/marks/KS/2024/"


def _all_pages(plan: Plan) -> str:
    """Every portal page of the plan, as one text."""
    client = client_for(None)
    paths = [PLAN, "/oppen/marks/"]
    paths += [f"{PLAN}mal/{g.key}/" for g in plan.goals.all()]
    paths += [f"{PLAN}uppdrag/{a.key}/" for a in plan.assignments.filter(public=True)]
    texts = []
    for path in paths:
        status, page = portal_get(client, path)
        assert status == 200, path
        texts.append(page)
    return "\n".join(texts)


def test_it_shows_no_follow_up_of_a_report_not_yet_adopted(followed_up: Plan) -> None:
    pages = _all_pages(followed_up)
    assert "Öppen analys om trygghet" not in pages
    assert "Öppen kommentar om uppdraget" not in pages


def test_it_shows_an_adopted_reports_follow_up_but_not_what_is_internal(reported: Plan) -> None:
    pages = _all_pages(reported)
    assert "Öppen analys om trygghet" in pages
    assert "Öppen kommentar om uppdraget" in pages
    assert "Hemlig analys om personalen" not in pages
    assert "Intern kommentar om förhandlingen" not in pages
    # The internal analysis's assessment itself is public: only its text is withheld.
    second = reported.goals.order_by("position")[1]
    status, page = portal_get(client_for(None), f"{PLAN}mal/{second.key}/")
    assert status == 200 and "Ej uppfyllt" in page


def test_it_leaves_out_what_is_marked_not_public(reported: Plan) -> None:
    hidden = Assignment.objects.filter(plan=reported).order_by("position")[0]
    Assignment.objects.filter(pk=hidden.pk).update(public=False)
    goal = reported.goals.filter(indicators__isnull=False).order_by("position")[0]
    indicator = goal.indicators.order_by("goalindicator__position")[0]
    Indicator.objects.filter(pk=indicator.pk).update(public=False)
    client = client_for(None)
    assert portal_get(client, f"{PLAN}uppdrag/{hidden.key}/")[0] == 404
    assert portal_get(client, f"/oppen/marks/KS/indikator/{indicator.key}/")[0] == 404
    status, page = portal_get(client, f"{PLAN}mal/{goal.key}/")
    assert status == 200 and indicator.name not in page
    assert hidden.text[:60] not in portal_get(client, PLAN)[1]


def test_it_never_shows_internal_control(reported: Plan) -> None:
    pages = _all_pages(reported)
    risks = list(Risk.objects.filter(category__plan=reported))
    assert risks
    for risk in risks:
        assert risk.description[:50] not in pages
        assert not risk.control_activity or risk.control_activity[:50] not in pages
