"""A municipality's own document templates on the web: its administrator saves Styr's template
as the municipality's own version and changes it; what `styr render` would refuse is refused
with its line; another municipality keeps Styr's."""

import pytest
from django.contrib.auth.models import User

from styr.audit.models import AuditEntry
from styr.documents.models import DocumentTemplate
from styr.documents.produce import document_for
from styr.plans.models import Plan
from styr.web.tests.helpers import client_for, text_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def administrator(db: None) -> User:
    return User.objects.get(username="kommunadmin")


def _url(plan: Plan, key: str = "arsrapport") -> str:
    return f"/referensdata/{plan.body.municipality.key}/mallar/{key}/"


def test_the_administrator_makes_the_shipped_template_the_municipalitys_own(
    administrator: User, ks_plan: Plan
) -> None:
    shipped = DocumentTemplate.objects.get(key="arsrapport", municipality=None)
    definition = shipped.definition.replace("title: Nämndens mål", "title: Våra mål", 1)
    response = client_for(administrator).post(_url(ks_plan), {"definition": definition})
    assert response.status_code == 302
    own = DocumentTemplate.objects.get(key="arsrapport", municipality=ks_plan.body.municipality)
    assert own.version == 1 and "version: 1" in own.definition
    assert "1 Våra mål" in [
        f"{h.number} {h.text}" for h in document_for(ks_plan, "arsrapport").headings()
    ]
    # Styrby keeps Styr's own.
    styrby = Plan.objects.get(body__municipality__key="styrby", year=2024)
    assert "Våra mål" not in [
        h.text for h in document_for(styrby, "arsrapport", "bokslut").headings()
    ]
    assert AuditEntry.objects.filter(action="template_saved", actor=administrator).exists()
    # The next save is version 2.
    client_for(administrator).post(_url(ks_plan), {"definition": definition})
    assert DocumentTemplate.objects.current("arsrapport", ks_plan.body.municipality).version == 2


def test_a_broken_template_is_refused_with_its_line(administrator: User, ks_plan: Plan) -> None:
    shipped = DocumentTemplate.objects.get(key="arsrapport", municipality=None)
    broken = shipped.definition.replace("goal_results", "malresultat", 1)
    response = client_for(administrator).post(_url(ks_plan), {"definition": broken})
    assert response.status_code == 400
    assert "arsrapport.yaml:" in text_of(
        response
    ) and "unknown block type 'malresultat'" in text_of(response)
    renamed = shipped.definition.replace("key: arsrapport", "key: annat", 1)
    response = client_for(administrator).post(_url(ks_plan), {"definition": renamed})
    assert "mallens nyckel är 'arsrapport' och ändras inte" in text_of(response)
    assert not DocumentTemplate.objects.filter(municipality=ks_plan.body.municipality).exists()


def test_only_the_administrator_sees_and_saves_templates(
    editor: User, reader: User, ks_plan: Plan
) -> None:
    for user in (editor, reader):
        assert client_for(user).get(_url(ks_plan)).status_code == 403
        assert client_for(user).post(_url(ks_plan), {"definition": "key: x"}).status_code == 403
    assert not DocumentTemplate.objects.filter(municipality=ks_plan.body.municipality).exists()
