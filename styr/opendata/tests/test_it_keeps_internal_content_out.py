"""No dataset holds what the portal withholds: follow-up of a report not yet adopted, analyses
and comments marked internal, indicators and assignments marked not public, internal control."""

import pytest
from django.test import Client

from styr.assignments.models import Assignment
from styr.indicators.models import Indicator
from styr.internal_control.models import Risk
from styr.opendata.tests.conftest import PLAN, PLAN_DATASETS, fetch
from styr.plans.models import Plan
from styr.web.tests.helpers import client_for

pytestmark = pytest.mark.django_db


def _every_dataset(client: Client, plan: Plan) -> str:
    """Every file published of the plan and of its body's indicators, as one text."""
    texts = []
    paths = [f"{PLAN}{name}.{fmt}" for name in PLAN_DATASETS for fmt in ("csv", "json")]
    paths += ["/oppen/data/marks/katalog.jsonld", "/oppen/data/marks/katalog.rdf"]
    for indicator in Indicator.objects.filter(goalindicator__goal__plan=plan, public=True):
        paths += [f"/oppen/data/marks/KS/indikator/{indicator.key}.{f}" for f in ("csv", "json")]
    for path in paths:
        status, content = fetch(client, path)
        assert status == 200, path
        texts.append(content.decode("utf-8-sig"))
    return "\n".join(texts)


def test_it_holds_no_follow_up_of_a_report_not_yet_adopted(followed_up: Plan) -> None:
    files = _every_dataset(client_for(None), followed_up)
    assert "Öppen analys om trygghet" not in files
    assert "Öppen kommentar om uppdraget" not in files


@pytest.mark.parametrize("persona", [None, "editor"])
def test_it_holds_an_adopted_reports_follow_up_but_nothing_internal(
    persona: str | None, reported: Plan, request: pytest.FixtureRequest
) -> None:
    # The editor, who may read the internal texts in Styr, gets the very same files.
    client = client_for(request.getfixturevalue(persona) if persona else None)
    files = _every_dataset(client, reported)
    assert "Öppen analys om trygghet" in files
    assert "Öppen kommentar om uppdraget" in files
    assert "Hemlig analys om personalen" not in files
    assert "Intern kommentar om förhandlingen" not in files


def test_it_leaves_out_what_is_marked_not_public(reported: Plan) -> None:
    hidden = Assignment.objects.filter(plan=reported).order_by("position")[0]
    Assignment.objects.filter(pk=hidden.pk).update(public=False)
    goal = reported.goals.filter(indicators__isnull=False).order_by("position")[0]
    indicator = goal.indicators.order_by("goalindicator__position")[0]
    Indicator.objects.filter(pk=indicator.pk).update(public=False)
    client = client_for(None)
    files = _every_dataset(client, reported)
    assert hidden.key not in files and hidden.text[:60] not in files
    assert f"/indikator/{indicator.key}" not in files  # not in the catalogue either
    assert indicator.name not in files
    for fmt in ("csv", "json"):
        assert fetch(client, f"/oppen/data/marks/KS/indikator/{indicator.key}.{fmt}")[0] == 404


def test_it_never_holds_internal_control(reported: Plan) -> None:
    files = _every_dataset(client_for(None), reported)
    risks = list(Risk.objects.filter(category__plan=reported))
    assert risks
    for risk in risks:
        assert risk.description[:50] not in files
        assert not risk.control_activity or risk.control_activity[:50] not in files
