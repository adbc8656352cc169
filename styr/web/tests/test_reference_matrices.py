"""A municipality's own risk matrix: its administrator copies Styr's, its plans move onto the
copy with every risk's score intact, and new words and a new threshold reach that
municipality's risk pages and documents only."""

import pytest
from django.contrib.auth.models import User

from styr.documents.render import Format
from styr.documents.tests.helpers import rendered
from styr.internal_control.models import RiskMatrix
from styr.plans.models import Plan
from styr.web.tests.helpers import client_for, text_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def administrator(db: None) -> User:
    return User.objects.get(username="kommunadmin")


def _copied(plan: Plan, administrator: User) -> RiskMatrix:
    assert plan.risk_matrix is not None
    key = plan.risk_matrix.key
    marks = plan.body.municipality.key
    response = client_for(administrator).post(f"/referensdata/{marks}/riskmatriser/{key}/kopiera/")
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.risk_matrix is not None and plan.risk_matrix.municipality_id is not None
    return plan.risk_matrix


def test_a_copied_matrix_is_relabelled_for_this_municipality_only(
    administrator: User, ks_plan: Plan
) -> None:
    matrix = _copied(ks_plan, administrator)
    level = matrix.levels.get(axis="probability", value=4)
    data = {"plan_threshold": "9"} | {
        f"{field}-{lv.pk}": getattr(lv, field)
        for lv in matrix.levels.all()
        for field in ("label", "description", "colour")
    }
    data[f"label-{level.pk}"] = "Mycket sannolik"
    url = f"/referensdata/marks/riskmatriser/{matrix.key}/"
    assert client_for(administrator).post(url, data).status_code == 302
    matrix.refresh_from_db()
    assert matrix.plan_threshold == 9
    html = rendered(ks_plan, "namndplan", Format.HTML).decode("utf-8")
    assert "Mycket sannolik" in html
    shipped = RiskMatrix.objects.get(key=matrix.key, municipality=None, version=matrix.version)
    assert shipped.levels.get(axis="probability", value=4).label != "Mycket sannolik"
    # A bad colour is named with the level, and nothing is saved.
    data[f"colour-{level.pk}"] = "röd"
    response = client_for(administrator).post(url, data)
    assert response.status_code == 400
    assert "Sannolikhet 4: färgen ska skrivas #rrggbb" in text_of(response)


def test_only_the_administrator_copies_a_matrix(editor: User, ks_plan: Plan) -> None:
    assert ks_plan.risk_matrix is not None
    url = f"/referensdata/marks/riskmatriser/{ks_plan.risk_matrix.key}/kopiera/"
    assert client_for(editor).post(url).status_code == 403
    assert not RiskMatrix.objects.filter(municipality__key="marks").exists()
