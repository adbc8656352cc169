"""A resident walks the demo's portal in a browser, signed in to nothing: every page is found
from the start page, shows adopted content and no draft, and axe-core finds no WCAG 2.1 AA
violation on any of them. A keyboard alone reaches every link of a page."""

import re

from axe_playwright_python.sync_playwright import Axe  # type: ignore[import-untyped]
from playwright.sync_api import Page

WCAG_21_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


def _portal_links(page: Page) -> list[str]:
    hrefs = page.eval_on_selector_all("a[href]", "links => links.map(a => a.pathname)")
    # The files (PDF, Word) and the language switch are not pages to check.
    return [h for h in hrefs if h.startswith("/oppen/") and "/sprak/" not in h
            and not re.search(r"\.\w+$", h)]  # fmt: skip


def test_it_finds_every_page_adopted_and_accessible(page: Page, server: str) -> None:
    seen: set[str] = set()
    todo = ["/oppen/"]
    texts = []
    while todo:
        path = todo.pop()
        if path in seen:
            continue
        seen.add(path)
        response = page.goto(f"{server}{path}")
        assert response is not None and response.status == 200, path
        assert page.locator("html").get_attribute("lang") == "sv"
        results = Axe().run(page, options=WCAG_21_AA)
        violations = [f"{v['id']} ({v['nodes'][0]['target']})"
                      for v in results.response["violations"]]  # fmt: skip
        assert violations == [], f"{path}: {violations}"
        texts.append(page.inner_text("body"))
        todo.extend(h for h in _portal_links(page) if h not in seen)
    pages = "\n".join(texts)
    # Styrby's adopted plan, its adopted tertial reports, goals, indicators and assignments.
    assert {"/oppen/styrby/", "/oppen/styrby/BUN/2024/", "/oppen/tillganglighet/"} <= seen
    assert any("/mal/" in p for p in seen) and any("/indikator/" in p for p in seen)
    assert any("/uppdrag/" in p for p in seen)
    assert "Verksamhetsplan 2024" in pages and "Tertialrapport 2 2024" in pages
    # The decided documents, in their public edition only.
    assert any("/dokument/" in p for p in seen)
    assert "Offentlig utgåva, utan interna analyser" in pages
    # Marks' plans are drafts in the demo: not a word of them.
    assert "Marks kommun" not in pages and "Nämndplan 2024" not in pages
    # Styrby's bokslut is not adopted yet.
    assert "Bokslut 2024" not in pages


def test_it_reaches_every_link_by_keyboard(page: Page, server: str) -> None:
    page.goto(f"{server}/oppen/styrby/BUN/2024/")
    page.keyboard.press("Tab")
    skip = page.evaluate("document.activeElement.textContent")
    assert skip == "Hoppa till innehållet"
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"#innehall$"))
    page.goto(f"{server}/oppen/styrby/BUN/2024/")
    links = set(page.eval_on_selector_all("a[href]", "links => links.map(a => a.href)"))
    reached: set[str] = set()
    for _ in range(len(links) + 20):  # every link, the scrolling tables, then around again
        page.keyboard.press("Tab")
        href = page.evaluate("document.activeElement.href || ''")
        if href:
            reached.add(href)
        if reached == links:
            break
    assert links - reached == set()
    # A link followed by keyboard alone opens its page.
    goal = page.get_by_role("link", name=re.compile("behöriga till gymnasiet"))
    goal.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/mal/"))
    assert page.get_by_role("heading", level=1).inner_text().startswith("Fler elever")
