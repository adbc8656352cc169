"""A draft document asked for in the browser is made by the server's own job runner (SQLite,
as `make run`); the job page follows it to the download link, also after a reload, and the
page passes axe."""

from playwright.sync_api import Page, expect

from styr.web.tests.browser.conftest import log_in
from styr.web.tests.browser.test_accessibility import _plan_url, _violations


def test_it_makes_a_pdf_in_the_background(page: Page, server: str) -> None:
    log_in(page, server, "politiker")
    plan = _plan_url(page, server)
    page.goto(f"{plan}dokument/namndplan/")
    page.get_by_role("button", name="PDF").click()
    page.wait_for_url(f"{server}/jobb/*/")
    download = page.get_by_role("link", name="Ladda ner ks-namndplan-2024-utkast.pdf")
    expect(download).to_be_visible(timeout=60_000)
    assert page.get_by_role("status").inner_text().startswith("Klar")
    assert _violations(page) == []
    page.reload()
    expect(download).to_be_visible()
    pdf = page.request.get(server + (download.get_attribute("href") or ""))
    assert pdf.ok and pdf.body().startswith(b"%PDF")
    page.get_by_role("link", name="Mina bakgrundsjobb").click()
    listed = page.get_by_role("link", name="Nämndplan 2024, Kommunstyrelsen, som PDF")
    expect(listed).to_be_visible()
