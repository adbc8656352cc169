"""The trend chart draws the same in Swedish as in English: its coordinates are numbers with a
decimal point (never "56,0"), so the points spread over the years and each year's label is
whole; an outsider does not see the chart at all."""

import re

import pytest
from django.contrib.auth.models import User

from styr.indicators.models import Indicator
from styr.plans.models import Plan
from styr.web.tests.helpers import client_for

pytestmark = pytest.mark.django_db


def _svg(user: User, plan: Plan, language: str) -> str:
    indicator = Indicator.objects.get(body=plan.body, key="nya-bostader")
    page = (
        client_for(user)
        .get(f"/plan/{plan.pk}/indikator/{indicator.pk}/", HTTP_ACCEPT_LANGUAGE=language)
        .content.decode()
    )
    return page[page.index("<svg role") : page.index("</svg>")]


def test_the_chart_is_the_same_in_swedish_and_english(
    reader: User, outsider: User, ks_plan: Plan
) -> None:
    swedish, english = _svg(reader, ks_plan, "sv"), _svg(reader, ks_plan, "en")
    assert swedish == english
    xs = re.findall(r'<circle cx="([^"]+)"', swedish)
    assert xs and all(re.fullmatch(r"\d+(\.\d+)?", x) for x in xs)
    assert len(set(xs)) > 1  # spread over the years, not piled in a corner
    assert ">2021</text>" in swedish and ">2023</text>" in swedish
    indicator = Indicator.objects.get(body=ks_plan.body, key="nya-bostader")
    url = f"/plan/{ks_plan.pk}/indikator/{indicator.pk}/"
    assert client_for(outsider).get(url).status_code == 404


def test_each_point_is_named_in_the_readers_language(reader: User, ks_plan: Plan) -> None:
    swedish = _svg(reader, ks_plan, "sv")
    assert re.search(r"<title>Utfall 20\d\d: [\d  ]+(,\d+)?</title>", swedish)
    assert re.search(r"<title>Mål 20\d\d: ", swedish)
    client = client_for(reader)
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    indicator = Indicator.objects.get(body=ks_plan.body, key="nya-bostader")
    english = client.get(f"/plan/{ks_plan.pk}/indikator/{indicator.pk}/").content.decode()
    assert re.search(r"<title>Outcome 20\d\d: ", english) and "<title>Utfall" not in english
