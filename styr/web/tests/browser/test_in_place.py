"""Reporting an activity in place: the row is swapped, the error or the confirmation is read
out beside the form, keyboard focus stays on the save button, and axe-core finds nothing after
the editor opens, after an error and after a save."""

import re

from playwright.sync_api import Page, expect

from styr.web.tests.browser.conftest import log_in
from styr.web.tests.browser.test_accessibility import _violations


def test_an_activity_is_reported_in_place(page: Page, server: str) -> None:
    log_in(page, server, "bun.redaktor")
    page.get_by_role("link", name=re.compile("Verksamhetsplan 2024")).first.click()
    page.get_by_role("navigation", name="Planens delar").get_by_role(
        "link", name="Aktiviteter"
    ).click()
    page.get_by_label("Rapport", exact=True).select_option("bokslut")
    page.get_by_role("button", name="Visa", exact=True).click()
    row = page.locator(
        "tbody", has=page.get_by_role("rowheader", name="Läsombud i varje klass i åk 1–3")
    )
    row.get_by_text("Rapportera").click()
    assert _violations(page) == []

    row.get_by_label("Färdiggrad (%)").fill("tio")
    save = row.get_by_role("button", name="Spara rapporten")
    save.focus()
    page.keyboard.press("Enter")
    expect(row.get_by_role("alert")).to_contain_text("inte ett heltal mellan 0 och 100")
    expect(row.get_by_role("button", name="Spara rapporten")).to_be_focused()
    assert _violations(page) == []

    row.get_by_label("Färdiggrad (%)").fill("63")
    row.get_by_role("button", name="Spara rapporten").click()
    expect(row.get_by_role("status")).to_contain_text("är sparad")
    expect(row.get_by_role("cell", name="63 %")).to_be_visible()
    expect(row.get_by_role("button", name="Spara rapporten")).to_be_focused()
    assert _violations(page) == []
    # What was saved is what the page shows after a reload.
    page.reload()
    expect(row.get_by_role("cell", name="63 %")).to_be_visible()
