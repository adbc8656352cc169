"""Every page of a plan shows where it sits: breadcrumbs (kommun › nämnd › plan › del), the
plan's year and state, the navigation of the plan's parts with the current one marked, and
why the page is read-only. Error pages are Swedish, in the same layout, with a way back."""

import re
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.test import Client, RequestFactory

from styr.plans.models import Plan
from styr.testing.workflow import lock_plan
from styr.web.tests.helpers import client_for, text_of

pytestmark = pytest.mark.django_db

PARTS = ["Översikt", "Mål och indikatorer", "Uppdrag", "Aktiviteter", "Ekonomi",
         "Internkontroll", "Följetal", "Texter", "Uppföljning", "Dokument", "Historik"]  # fmt: skip


def _navigation(page: str) -> tuple[list[str], list[str]]:
    """The plan navigation's parts and the one(s) marked current."""
    nav = re.search(r'<nav aria-label="Planens delar".*?</nav>', page, re.S)
    assert nav is not None, "the page has no plan navigation"
    parts = re.findall(r"<a [^>]*>([^<]+)</a>", nav.group(0))
    current = re.findall(r'<a [^>]*aria-current="[^"]+"[^>]*>([^<]+)</a>', nav.group(0))
    return parts, current


def _crumbs(page: str) -> list[str]:
    nav = re.search(r'<nav aria-label="Du är här".*?</nav>', page, re.S)
    assert nav is not None, "the page has no breadcrumbs"
    return [" ".join(re.sub(r"<[^>]+>", " ", li).split())
            for li in re.findall(r"<li[^>]*>(.*?)</li>", nav.group(0), re.S)]  # fmt: skip


@pytest.mark.parametrize(
    ("path", "part", "last"),
    [
        ("", "Översikt", "Översikt"),
        ("mal/", "Mål och indikatorer", "Mål och indikatorer"),
        ("uppdrag/", "Uppdrag", "Uppdrag"),
        ("aktiviteter/", "Aktiviteter", "Aktiviteter"),
        ("budget/", "Ekonomi", "Ekonomi"),
        ("risker/", "Internkontroll", "Internkontroll"),
        ("foljetal/", "Följetal", "Följetal"),
        ("texter/", "Texter", "Texter"),
        ("uppfoljning/delar/", "Uppföljning", "Uppföljning"),
        ("uppfoljning/arsrapport/", "Uppföljning", "Årsrapport 2024"),
        ("uppfoljning/delar/texter/", "Uppföljning", "Texter"),
        ("dokument/namndplan/", "Dokument", "Dokument"),
        ("historik/", "Historik", "Historik"),
        ("delar/digitalisering/", "Texter", "Digitaliseringsplan"),
        ("rapportorer/", "Översikt", "Rapportörer"),
    ],
)
def test_each_part_of_the_plan_knows_where_it_sits(
    reader: User, ks_plan: Plan, path: str, part: str, last: str
) -> None:
    response = client_for(reader).get(f"/plan/{ks_plan.pk}/{path}")
    assert response.status_code == 200
    page = response.content.decode()

    parts, current = _navigation(page)
    assert parts == PARTS and current == [part]
    crumbs = _crumbs(page)
    assert crumbs[1:4] == ["Marks kommun", "Kommunstyrelsen", "Nämndplan 2024"]
    assert crumbs[-1].startswith(last), crumbs
    assert re.search(r'<li aria-current="page">', page)
    assert "Kommunstyrelsen · Nämndplan 2024 · år 2024 · Utkast" in text_of(response)


def test_an_indicators_page_sits_under_goals_and_names_the_indicator(
    reader: User, ks_plan: Plan
) -> None:
    indicator = ks_plan.goals.first().goalindicator_set.first().indicator  # type: ignore[union-attr]
    page = client_for(reader).get(f"/plan/{ks_plan.pk}/indikator/{indicator.pk}/").content.decode()
    assert _navigation(page)[1] == ["Mål och indikatorer"]
    assert _crumbs(page)[-2:] == ["Mål och indikatorer", indicator.name[:60].strip()]


def test_the_banner_says_why_a_page_is_read_only(
    editor: User, reader: User, reporter: User, adopted_plan: Plan
) -> None:
    url = f"/plan/{adopted_plan.pk}/uppdrag/"
    assert "Du har läsbehörighet i Kommunstyrelsen" in text_of(client_for(reader).get(url))
    assert "Du rapporterar uppföljning i Kommunstyrelsen" in text_of(client_for(reporter).get(url))
    edited = text_of(client_for(editor).get(url))
    assert "Nämndplan 2024 är fastställd 2023-11-30, § 201. Det beslutade" in edited
    assert "läsbehörighet" not in edited

    lock_plan(adopted_plan)
    locked = text_of(client_for(editor).get(url))
    assert "Nämndplan 2024 är låst: året är avslutat" in locked
    assert "· Låst" in locked


def test_a_draft_shows_its_editor_no_banner(editor: User, ks_plan: Plan) -> None:
    page = client_for(editor).get(f"/plan/{ks_plan.pk}/mal/").content.decode()
    assert 'class="notice"' not in page


def test_a_plan_one_may_not_see_is_a_swedish_404_that_names_nothing(
    outsider: User, ks_plan: Plan
) -> None:
    response = client_for(outsider).get(f"/plan/{ks_plan.pk}/uppdrag/")

    assert response.status_code == 404
    text = text_of(response)
    assert "Sidan finns inte" in text and "Gå till startsidan" in text
    assert "Nämndplan 2024" not in text and "Planens delar" not in text
    assert "Not Found" not in text
    assert 'lang="sv"' in response.content.decode()


def test_an_unknown_address_signed_out_offers_the_login(client: Client) -> None:
    response = client.get("/finns-inte/")
    assert response.status_code == 404
    assert "Logga in" in text_of(response) and "Sidan finns inte" in text_of(response)


def test_a_form_without_its_csrf_cookie_is_refused_in_swedish(editor: User, ks_plan: Plan) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    response = client.post(f"/plan/{ks_plan.pk}/kopiera/")
    assert response.status_code == 403
    assert "Formuläret kunde inte skickas" in text_of(response) and "Inget har sparats" in text_of(
        response
    )
    assert not Plan.objects.filter(body=ks_plan.body, year=2025).exists()


def test_the_error_page_is_swedish_with_a_way_back() -> None:
    from django.views.defaults import server_error

    response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    text = text_of(response)
    assert "Något gick fel i Styr" in text and "Gå till startsidan" in text


def test_it_has_a_favicon(client: Client) -> None:
    from django.contrib.staticfiles import finders

    response = client.get("/favicon.ico")
    assert response.status_code == 302 and response["Location"].endswith("styr/favicon.svg")
    found = finders.find("styr/favicon.svg")
    assert found is not None
    assert "<svg" in Path(str(found)).read_text(encoding="utf-8")
    assert 'rel="icon"' in client.get("/login/").content.decode()
