"""One search box finds plans, goals, indicators, assignments, risks, activities and texts of
the bodies the user may read, grouped by kind, and nothing of the others."""

import re

import pytest
from django.contrib.auth.models import User
from django.db import connection

from styr.plans.models import Plan
from styr.web.tests.helpers import client_for, text_of

pytestmark = pytest.mark.django_db


def _groups(page: str) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for label, body in re.findall(r'<h2 id="[^"]+">([^<]+)</h2>\s*<ul class="hits">(.*?)</ul>',
                                  page, re.S):  # fmt: skip
        found[label] = re.findall(r'<a href="([^"]+)">', body)
    return found


def test_it_finds_across_kinds_and_links_each_hit(reader: User, ks_plan: Plan) -> None:
    assignment = ks_plan.assignments.order_by("position").first()
    assert assignment is not None
    word = "avloppstaxa"  # in an assignment of the sample
    response = client_for(reader).get("/sok/", {"q": word.upper()})
    groups = _groups(response.content.decode())
    assert "Uppdrag" in groups
    hit = next(a for a in ks_plan.assignments.all() if word in a.text.casefold())
    assert f"/plan/{ks_plan.pk}/uppdrag/#a-{hit.pk}" in groups["Uppdrag"]
    assert "träff" in text_of(response)


def test_it_finds_swedish_letters_in_any_case(reader: User, ks_plan: Plan) -> None:
    groups = _groups(client_for(reader).get("/sok/", {"q": "BOSTÄDER"}).content.decode())
    assert "Indikatorer" in groups
    assert any(f"/plan/{ks_plan.pk}/indikator/" in url for url in groups["Indikatorer"])


@pytest.mark.skipif(connection.vendor != "postgresql", reason="Swedish stemming is PostgreSQL's")
def test_postgresql_finds_other_forms_of_a_word(reader: User, ks_plan: Plan) -> None:
    # "elev" finds "Andel elever behöriga …": the Swedish stem of both is "elev".
    page = client_for(reader).get("/sok/", {"q": "elev"}).content.decode()
    assert "Andel elever behöriga" in page and "Indikatorer" in _groups(page)


def test_nothing_found_says_what_to_try(reader: User) -> None:
    text = text_of(client_for(reader).get("/sok/", {"q": "zzzfinnsinte"}))
    assert "Inget hittades för ”zzzfinnsinte”. Pröva färre eller andra ord." in text


def test_another_bodys_plans_are_not_searched(outsider: User, ks_plan: Plan) -> None:
    page = client_for(outsider).get("/sok/", {"q": "avloppstaxa"}).content.decode()
    assert f"/plan/{ks_plan.pk}/" not in page and "Uppdrag" not in _groups(page)


def test_signed_out_users_are_sent_to_log_in(client: object) -> None:
    response = client.get("/sok/", {"q": "plan"})  # type: ignore[attr-defined]
    assert response.status_code == 302 and "/login/" in response["Location"]
