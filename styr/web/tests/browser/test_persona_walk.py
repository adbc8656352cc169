"""A walk through the year's pages as each persona, in a real browser: every page a persona may
see has the plan's navigation (or is a Swedish error page with a way back), none shows an
English interface word or a raw code, and the trend chart's coordinates are numbers a browser
can draw in Swedish."""

import re

import pytest
from playwright.sync_api import Page

from styr.web.tests.browser.conftest import log_in

PAGES = ["", "mal/", "uppdrag/", "aktiviteter/", "budget/", "risker/", "foljetal/", "texter/",
         "uppfoljning/delar/", "uppfoljning/arsrapport/", "dokument/namndplan/", "historik/",
         "rapportorer/"]  # fmt: skip
PARTS = ["Översikt", "Mål och indikatorer", "Uppdrag", "Aktiviteter", "Ekonomi",
         "Internkontroll", "Följetal", "Texter", "Uppföljning", "Dokument", "Historik"]  # fmt: skip
# Words of Django's and the browser's English defaults, and of English messages.
ENGLISH = re.compile(
    r"\b(Not Found|Forbidden|Server Error|Page not found|Save|Submit|Cancel|Delete|Edit|"
    r"is not a|must be|choose one of|This field|Enter a valid)\b"
)
# A code that should have been a word: an empty select's dashes, snake_case keys.
RAW = re.compile(r"-{5,}|\b[a-z]+_[a-z0-9_]+\b")


def _ks_plan(page: Page, server: str) -> str:
    log_in(page, server, "ks.redaktor")
    page.get_by_role("link", name="Nämndplan 2024").first.click()
    url = page.url
    page.context.clear_cookies()
    return url


def _problems(page: Page) -> list[str]:
    text = page.inner_text("body")
    found = [f"English: {m.group(0)!r}" for m in ENGLISH.finditer(text)]
    found += [f"raw code: {m.group(0)!r}" for m in RAW.finditer(text)]
    return found


@pytest.mark.parametrize("persona", ["ks.redaktor", "ks.rapportor", "politiker", "revisor"])
def test_each_persona_walks_the_plan(page: Page, server: str, persona: str) -> None:
    plan = _ks_plan(page, server)
    log_in(page, server, persona)
    problems = []
    for path in PAGES:
        response = page.goto(plan + path)
        assert response is not None
        if response.status == 404:
            # A persona without access meets the Swedish page with a way back.
            assert page.get_by_role("link", name="Gå till startsidan").is_visible()
            continue
        assert response.status == 200, (path, response.status)
        nav = page.get_by_role("navigation", name="Planens delar")
        assert nav.get_by_role("link").all_inner_texts() == PARTS, path
        assert page.get_by_role("navigation", name="Du är här").is_visible(), path
        problems += [f"{path}: {p}" for p in _problems(page)]
    assert problems == []


def test_the_outsider_meets_swedish_refusals(page: Page, server: str) -> None:
    plan = _ks_plan(page, server)
    log_in(page, server, "kfn.redaktor")
    for path in PAGES:
        response = page.goto(plan + path)
        assert response is not None and response.status == 404, path
        assert page.get_by_role("heading", name="Sidan finns inte").is_visible()
        assert "Nämndplan 2024" not in page.inner_text("main")
        assert _problems(page) == []
    page.get_by_role("link", name="Gå till startsidan").click()
    page.wait_for_url(re.compile(r"/$"))


def test_the_chart_draws_in_swedish(page: Page, server: str) -> None:
    plan = _ks_plan(page, server)
    log_in(page, server, "politiker")
    page.goto(plan + "mal/")
    page.get_by_role("link", name=re.compile("nya bostäder", re.I)).first.click()
    chart = page.locator("svg[role=img]").first
    chart.wait_for()
    coordinates = chart.evaluate(
        "svg => [...svg.querySelectorAll('circle')].map(c => [c.getAttribute('cx'), "
        "c.getAttribute('cy')])"
    )
    assert coordinates, "the chart has points"
    assert all(re.fullmatch(r"-?\d+(\.\d+)?", v) for pair in coordinates for v in pair)
    # Points of different years lie at different places along the axis.
    xs = [float(x) for x, _ in coordinates]
    assert len(set(xs)) > 1
    assert _problems(page) == []
