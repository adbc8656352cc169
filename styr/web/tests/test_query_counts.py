"""Every main page runs a number of queries that does not grow with the data."""

import pytest
from django.contrib.auth.models import User
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from styr.demo.generate import do_generate
from styr.indicators.models import Indicator
from styr.plans.models import Plan
from styr.web.overview import forget_overviews
from styr.web.tests.helpers import client_for

pytestmark = pytest.mark.django_db

PAGES = [
    "", "texter/", "mal/", "uppdrag/", "risker/", "budget/", "foljetal/",
    "delar/digitalisering/", "delar/lokaler/", "delar/kompetens/", "rapportorer/",
    "uppfoljning/delar/", "uppfoljning/arsrapport/",
]  # fmt: skip


def _counts(client: object, plan: Plan) -> dict[str, int]:
    counts = {}
    indicator = Indicator.objects.filter(goalindicator__goal__plan=plan).first()
    assert indicator is not None
    urls = {page: f"/plan/{plan.pk}/{page}" for page in PAGES}
    urls["indikator"] = f"/plan/{plan.pk}/indikator/{indicator.pk}/"
    for name, url in urls.items():
        client.get(url)  # type: ignore[attr-defined]  # warm the session and content types
        # Count the page as it is built after a change, not as remembered (plan page, risks).
        cache.clear()
        forget_overviews()
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200  # type: ignore[attr-defined]
        counts[name] = len(queries)
    return counts


def test_no_main_page_runs_more_queries_on_a_ten_times_larger_plan(ks_plan: Plan) -> None:
    client = client_for(User.objects.get(username="admin"))
    small = _counts(client, ks_plan)
    do_generate(bodies=1, goals=30, indicators=4, years=10, scale=10, acting_user=None)
    big = _counts(client, Plan.objects.get(body__municipality__key="syntetisk"))
    grown = {page: (small[page], big[page]) for page in small if big[page] > small[page]}
    assert grown == {}
