"""axe-core on every page of the main flows: no violations of WCAG 2.1 A and AA."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe  # type: ignore[import-untyped]
from playwright.sync_api import Page

from styr.web.tests.browser.conftest import log_in

WCAG_21_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


def _violations(page: Page) -> list[str]:
    results = Axe().run(page, options=WCAG_21_AA)
    return [
        f"{v['id']}: {v['help']} ({len(v['nodes'])}× e.g. {v['nodes'][0]['target']})"
        for v in results.response["violations"]
    ]


def _plan_url(page: Page, server: str) -> str:
    page.goto(f"{server}/")
    page.get_by_role("link", name="Nämndplan 2024").first.click()
    return page.url


def test_the_login_page(page: Page, server: str) -> None:
    page.goto(f"{server}/login/")
    assert _violations(page) == []


@pytest.mark.parametrize(
    "path",
    [
        "",
        "texter/",
        "mal/",
        "uppdrag/",
        "risker/",
        "budget/",
        "excel/",
        "dokument/namndplan/",
        "uppfoljning/delar/",
        "uppfoljning/arsrapport/",
        "text/agenda_2030/?edit=1",
        "foljetal/",
        "delar/digitalisering/",
        "rapportorer/",
        "aktiviteter/",
        "aktiviteter/?q=a&ordning=-status",
        "indikatorer/",
        "indikatorer/?status=met&ordning=status",
        "historik/",
        "uppdrag/?fran=council&ordning=-beslut",
        "uppfoljning/delar/?rapporterat=nej",
        "finns-inte/",
    ],
)
def test_the_plan_pages(page: Page, server: str, path: str) -> None:
    log_in(page, server, "ks.redaktor")
    page.goto(_plan_url(page, server) + path)
    assert _violations(page) == []


def test_the_start_indicator_and_log_pages(page: Page, server: str) -> None:
    log_in(page, server, "revisor")
    assert _violations(page) == []
    plan = _plan_url(page, server)
    page.get_by_role("link", name="Antal nya bostäder i kommunen").click()
    assert re.search(r"/indikator/\d+/$", page.url)
    assert _violations(page) == []
    page.goto(plan.split("/plan/")[0] + "/logg/")
    assert _violations(page) == []


def test_the_search_from_the_header(page: Page, server: str) -> None:
    log_in(page, server, "politiker")
    page.get_by_role("searchbox", name="Sök").fill("elever")
    page.get_by_role("searchbox", name="Sök").press("Enter")
    page.wait_for_url(re.compile(r"/sok/\?q=elever"))
    page.get_by_role("heading", name="Indikatorer").wait_for()
    assert _violations(page) == []


def test_the_english_pages_after_the_switch(page: Page, server: str) -> None:
    log_in(page, server, "ks.redaktor")
    plan = _plan_url(page, server)
    page.get_by_role("button", name="English").click()
    page.get_by_role("link", name="Overview").wait_for()
    assert page.locator("html").get_attribute("lang") == "en"
    assert _violations(page) == []
    page.goto(plan + "indikatorer/")
    page.get_by_role("heading", level=1, name=re.compile("^Indicators in")).wait_for()
    assert _violations(page) == []
    page.get_by_role("button", name="Svenska").click()
    page.get_by_role("link", name="Översikt").wait_for()
    assert page.locator("html").get_attribute("lang") == "sv"
