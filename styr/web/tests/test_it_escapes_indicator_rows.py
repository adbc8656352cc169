"""The indicator rows the plan page, the follow-up page and the indicator table build in Python
show what officials typed as text, never as markup."""

import pytest
from django.contrib.auth.models import User

from styr.indicators.models import Indicator
from styr.plans.models import Plan
from styr.web.tests.helpers import client_for

pytestmark = pytest.mark.django_db

TYPED = 'Andel <script>alert("x")</script> & "nöjda"'
SHOWN = "Andel &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &quot;nöjda&quot;"


@pytest.fixture
def typed(ks_plan: Plan) -> Indicator:
    indicator = Indicator.objects.filter(goalindicator__goal__plan=ks_plan).first()
    assert indicator is not None
    Indicator.objects.filter(pk=indicator.pk).update(name=TYPED)
    return indicator


@pytest.mark.parametrize("page", ["", "uppfoljning/delar/", "indikatorer/"])
def test_it_shows_a_typed_name_as_text(
    page: str, typed: Indicator, reader: User, ks_plan: Plan
) -> None:
    html = client_for(reader).get(f"/plan/{ks_plan.pk}/{page}").content.decode()
    assert f'<a href="/plan/{ks_plan.pk}/indikator/{typed.pk}/">{SHOWN}</a>' in html
    assert "<script>alert" not in html


@pytest.mark.parametrize("page", ["", "uppfoljning/delar/", "indikatorer/"])
def test_it_shows_the_rows_to_no_one_without_a_role(
    page: str, typed: Indicator, outsider: User, ks_plan: Plan
) -> None:
    response = client_for(outsider).get(f"/plan/{ks_plan.pk}/{page}")
    assert response.status_code == 404
    assert SHOWN not in response.content.decode()
