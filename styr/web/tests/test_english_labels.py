"""A municipality's English words for its scale options and risk levels: saved through the
reference pages with an audit entry that says what changed, shown to readers who chose English
(and not to Swedish ones), and refused when too long."""

import pytest
from django.contrib.auth.models import User

from styr.audit.labels import describe
from styr.audit.models import AuditEntry
from styr.internal_control.models import RiskMatrix
from styr.plans.models import Plan
from styr.scales.actions import do_copy_scale
from styr.web.tests.helpers import client_for, text_of
from styr.web.tests.test_reference_scales import KEY, _form

pytestmark = pytest.mark.django_db


@pytest.fixture
def administrator() -> User:
    return User.objects.get(username="kommunadmin")


def _own_matrix(plan: Plan, administrator: User) -> RiskMatrix:
    assert plan.risk_matrix is not None
    url = f"/referensdata/marks/riskmatriser/{plan.risk_matrix.key}/kopiera/"
    assert client_for(administrator).post(url).status_code == 302
    plan.refresh_from_db()
    assert plan.risk_matrix is not None
    return plan.risk_matrix


def _matrix_form(matrix: RiskMatrix, **changes: str) -> dict[str, str]:
    data = {"plan_threshold": str(matrix.plan_threshold)}
    for level in matrix.levels.all():
        for field in ("label", "label_en", "description", "colour"):
            data[f"{field}-{level.pk}"] = getattr(level, field)
    return data | changes


def test_a_risk_levels_english_label_is_audited_and_shown_in_english(
    administrator: User, editor: User, ks_plan: Plan
) -> None:
    matrix = _own_matrix(ks_plan, administrator)
    level = matrix.levels.get(axis="probability", value=4)
    url = f"/referensdata/marks/riskmatriser/{matrix.key}/"
    data = _matrix_form(matrix, **{f"label_en-{level.pk}": "Rather likely"})
    assert client_for(administrator).post(url, data).status_code == 302
    entry = AuditEntry.objects.filter(action="risk_matrix_changed").latest("pk")
    assert entry.changes == {"probability-4": {"label_en": ["Likely", "Rather likely"]}}
    assert [(c.field, c.old, c.new) for c in describe(entry.changes)] == [
        ("probability-4", None, "benämning på engelska Likely → Rather likely")
    ]
    english = client_for(editor)
    english.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert "Rather likely" in text_of(english.get(f"/plan/{ks_plan.pk}/risker/"))
    assert "Rather likely" not in text_of(client_for(editor).get(f"/plan/{ks_plan.pk}/risker/"))
    data[f"label_en-{level.pk}"] = "x" * 101
    response = client_for(administrator).post(url, data)
    assert response.status_code == 400
    assert "den engelska benämningen får vara högst 100 tecken" in text_of(response)


def test_a_scale_options_english_label_alone_is_audited(administrator: User, ks_plan: Plan) -> None:
    marks = ks_plan.body.municipality
    own = do_copy_scale(KEY, marks, acting_user=administrator)
    index = [o.key for o in own.options.all()].index("ongoing")
    form = _form(own, **{f"label_en-{index}": "In progress"})
    response = client_for(administrator).post(f"/referensdata/{marks.key}/skalor/{KEY}/", form)
    assert response.status_code == 302
    entry = AuditEntry.objects.filter(action="scale_changed").latest("pk")
    old, new = entry.changes["ongoing"]
    assert "Ongoing" in old and "In progress" in new


def test_others_do_not_change_the_words(editor: User, ks_plan: Plan) -> None:
    assert ks_plan.risk_matrix is not None
    url = f"/referensdata/marks/riskmatriser/{ks_plan.risk_matrix.key}/"
    assert client_for(editor).post(url, {"plan_threshold": "9"}).status_code in (403, 404)
