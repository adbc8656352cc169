"""The main flows in a real browser: sign in, edit a target and see the status change,
adopt a plan, and be refused as an outsider."""

import re

from playwright.sync_api import Locator, Page, expect

from styr.web.tests.browser.conftest import log_in


def _open_ks_plan(page: Page, server: str) -> None:
    page.goto(f"{server}/")
    page.get_by_role("link", name="Nämndplan 2024").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Kommunstyrelsen: Nämndplan 2024")


def test_an_editor_changes_a_target_and_sees_the_goal_status_change(
    page: Page, server: str
) -> None:
    log_in(page, server, "ks.redaktor")
    _open_ks_plan(page, server)
    goal = page.locator("article", has=page.get_by_role("heading", name=re.compile("företag")))
    expect(goal.get_by_text("Målstatus: Uppfyllt")).to_be_visible()
    goal.get_by_role("link", name="Antal nya bostäder i kommunen").click()
    expect(page.get_by_text("Status 2023: Uppnått")).to_be_visible()
    page.get_by_label("År", exact=True).select_option("2023")
    page.get_by_label("Slag").select_option("target")
    page.get_by_label("Jämförelse (för mål)").select_option("≥")
    page.get_by_label("Värde (tomt tar bort)").fill("150")
    page.get_by_role("button", name="Spara värdet").click()
    expect(page.get_by_role("cell", name="≥ 150", exact=True)).to_be_visible()
    page.get_by_role("link", name=re.compile("Nämndplan 2024")).click()
    goal = page.locator("article", has=page.get_by_role("heading", name=re.compile("företag")))
    expect(goal.get_by_text("Målstatus: Ej uppfyllt")).to_be_visible()


def _open_agenda_editor(page: Page, server: str) -> Locator:
    log_in(page, server, "ks.redaktor")
    _open_ks_plan(page, server)
    page.get_by_role("link", name=re.compile("kapiteltexter")).click()
    page.get_by_role("link", name="Redigera Agenda 2030").click()
    return page.get_by_label(re.compile(r"^Text \(stycken"))


def test_an_editor_edits_a_chapter_text_in_place(page: Page, server: str) -> None:
    box = _open_agenda_editor(page, server)
    box.fill("Agenda 2030 i korthet.\n\n- Hållbara Mark")
    page.get_by_role("button", name="Spara", exact=True).click()
    expect(page.get_by_text("Texten är sparad.")).to_be_visible()
    expect(page.get_by_role("listitem").filter(has_text="Hållbara Mark")).to_be_visible()


def test_the_toolbar_writes_the_stored_format_and_the_preview_shows_it(
    page: Page, server: str
) -> None:
    box = _open_agenda_editor(page, server)
    box.fill("Först\nSedan")
    box.press("Control+a")
    toolbar = page.get_by_role("toolbar", name="Formatering av texten")
    toolbar.get_by_role("button", name="Numrerad lista").click()
    expect(box).to_have_value("1. Först\n2. Sedan")
    # The focus is back in the text, so typing goes on where it was.
    expect(box).to_be_focused()
    page.get_by_role("button", name="Förhandsgranska").click()
    preview = page.locator("#preview-agenda_2030")
    expect(preview.get_by_role("listitem").filter(has_text="Sedan")).to_be_visible()
    expect(preview.get_by_text("Förhandsgranskning – inte sparad")).to_be_visible()


def test_an_editor_adopts_a_plan(page: Page, server: str) -> None:
    log_in(page, server, "kfn.redaktor")
    page.get_by_role("link", name="Nämndplan 2024").first.click()
    page.get_by_label("Beslutsdatum").fill("2023-11-22")
    page.get_by_label("Protokollsparagraf").fill("§ 87")
    page.get_by_label("Jag bekräftar beslutet").check()
    page.get_by_role("button", name="Fastställ planen").click()
    expect(page.get_by_text("Planen är nu fastställd.")).to_be_visible()
    expect(page.get_by_text("Status: Fastställd · fastställd 2023-11-22, § 87")).to_be_visible()
    # The delårsrapport is now a decision of its own, taken in its row of the reports table.
    report = page.get_by_role("row", name=re.compile("^Delårsrapport 2024"))
    report.get_by_text("Fastställ Delårsrapport 2024").click()
    report.get_by_label("Beslutsdatum").fill("2024-09-18")
    report.get_by_label("Protokollsparagraf").fill("§ 61")
    report.get_by_label("Jag bekräftar beslutet").check()
    report.get_by_role("button", name="Fastställ rapporten").click()
    expect(page.get_by_text("Delårsrapport 2024 är nu fastställd.")).to_be_visible()
    expect(report.get_by_role("cell", name="2024-09-18, § 61")).to_be_visible()
    page.get_by_role("link", name=re.compile("kapiteltexter")).click()
    expect(page.get_by_role("link", name=re.compile("^Redigera"))).to_have_count(0)


def test_the_outsider_is_refused_the_ks_plan(page: Page, server: str) -> None:
    log_in(page, server, "ks.redaktor")
    _open_ks_plan(page, server)
    ks_url = page.url
    page.get_by_role("button", name="Logga ut").click()
    log_in(page, server, "kfn.redaktor")
    expect(page.get_by_role("link", name="Kommunstyrelsen")).to_have_count(0)
    response = page.goto(ks_url)
    assert response is not None and response.status == 404


def test_a_bad_amount_is_shown_in_place(page: Page, server: str) -> None:
    log_in(page, server, "ks.redaktor")
    _open_ks_plan(page, server)
    page.get_by_role("link", name=re.compile("budgettabellerna")).click()
    cell = page.get_by_label("Intäkter, Budget 2025").first
    cell.fill("abc")
    cell.press("Tab")
    expect(page.get_by_role("alert")).to_contain_text("”abc” är inte ett belopp")


def test_an_editor_opens_an_assignment_in_place_and_saves_it(page: Page, server: str) -> None:
    log_in(page, server, "ks.redaktor")
    _open_ks_plan(page, server)
    page.get_by_role("link", name=re.compile("uppdragen$")).click()
    listing = page.url
    page.get_by_role("link", name="Ändra uppdraget").first.click()
    # The form opens inside the list (htmx), not on a page of its own.
    opened = page.locator("form", has=page.get_by_role("button", name="Spara uppdraget"))
    note = opened.get_by_label("Extra kostnad i ord")
    expect(note).to_be_visible()
    assert page.url == listing
    note.fill("Ryms inom ram enligt beslut i juni.")
    page.get_by_role("button", name="Spara uppdraget").click()
    # Saved in place too: the card says so, and the page is still the list.
    expect(page.get_by_text("Uppdraget är sparat.")).to_be_visible()
    assert page.url == listing
    page.get_by_role("link", name="Ändra uppdraget").first.click()
    expect(opened.get_by_label("Extra kostnad i ord")).to_have_value(
        "Ryms inom ram enligt beslut i juni."
    )
