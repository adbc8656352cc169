"""The whole e-förslag flow in a browser: a resident signs up by the link in the e-mail and
submits a proposal; a moderator publishes it; the resident signs it; the moderator sends it to
Kommunstyrelsen, whose editor grants it; once the plan is adopted, the proposal's page on the
portal links to the assignment, which residents follow until the interim report that closes
it is adopted. axe-core checks the proposal pages."""

import re
from pathlib import Path

from axe_playwright_python.sync_playwright import Axe  # type: ignore[import-untyped]
from playwright.sync_api import Page, expect

from styr.web.tests.browser.conftest import log_in

WCAG_21_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


def _accessible(page: Page) -> None:
    assert page.locator("html").get_attribute("lang") == "sv"
    results = Axe().run(page, options=WCAG_21_AA)
    violations = [f"{v['id']} ({v['nodes'][0]['target']})"
                  for v in results.response["violations"]]  # fmt: skip
    assert violations == [], f"{page.url}: {violations}"


def _link_in_mail(folder: Path) -> str:
    texts = [f.read_text() for f in sorted(folder.iterdir())]
    found = re.findall(r"http://\S+/forslag/konto/\S+/", "\n".join(texts))
    assert found, texts
    return str(found[-1])


def test_it_follows_a_proposal_to_an_assignment(
    page: Page, proposal_server: str, mail_folder: Path
) -> None:
    server = proposal_server
    # A resident signs up and follows the link in the e-mail.
    page.goto(f"{server}/oppen/marks/forslag/")
    _accessible(page)
    page.get_by_role("link", name=re.compile("Logga in med din e-postadress")).click()
    _accessible(page)
    page.get_by_label("E-postadress").fill("anna@example.se")
    page.get_by_role("button", name="Skicka länken").click()
    expect(page.get_by_text("Om adressen fungerar")).to_be_visible()
    page.goto(_link_in_mail(mail_folder))
    _accessible(page)
    page.get_by_role("button", name="Logga in").click()
    expect(page.get_by_role("heading", name="Mina e-förslag")).to_be_visible()
    _accessible(page)
    # … and submits a proposal.
    page.get_by_role("link", name="Lämna ett e-förslag").click()
    _accessible(page)
    page.get_by_label("Rubrik").fill("Fler parkbänkar vid sjön")
    page.get_by_label("Ditt förslag").fill("Det behövs bänkar längs promenaden.")
    page.get_by_label("Ditt namn (frivilligt)").fill("Anna")
    page.get_by_role("button", name="Skicka förslaget").click()
    expect(page.get_by_text("Inskickat")).to_be_visible()
    resident = page.context.cookies()
    # A moderator publishes it.
    moderator = page.context.browser.new_page()  # type: ignore[union-attr]
    log_in(moderator, server, "ks.redaktor")
    moderator.goto(f"{server}/e-forslag/marks/")
    moderator.get_by_role("link", name="Fler parkbänkar vid sjön").click()
    moderator.get_by_role("button", name="Publicera").click()
    expect(moderator.get_by_text("Läge: Publicerat")).to_be_visible()
    # The resident signs it.
    assert resident
    page.goto(f"{server}/oppen/marks/forslag/")
    page.get_by_role("link", name="Fler parkbänkar vid sjön").click()
    _accessible(page)
    page.get_by_role("button", name="Skriv under").click()
    expect(page.get_by_text("1 av 1 som behövs")).to_be_visible()
    proposal_url = page.url
    # One signature is enough here: the moderator sends it to Kommunstyrelsen, which grants it.
    moderator.reload()
    moderator.get_by_label("Nämnd som ska svara").select_option(label="Kommunstyrelsen")
    moderator.get_by_role("button", name="Skicka till nämnden").click()
    expect(moderator.get_by_text("Läge: Hos nämnden")).to_be_visible()
    moderator.get_by_label("Beslut", exact=True).select_option(label="Bifall")
    moderator.get_by_label("Beslutsdatum").fill("2024-03-14")
    moderator.get_by_label("Paragraf (§)").fill("§ 42")
    moderator.get_by_label(re.compile("Nämndens svar")).fill("Sätt upp tio parkbänkar vid sjön.")
    moderator.get_by_role("button", name="Spara beslutet").click()
    expect(moderator.get_by_text("Bifall, 2024-03-14 § 42")).to_be_visible()
    page.goto(proposal_url)
    expect(page.get_by_text("när nämndens plan är fastställd")).to_be_visible()
    # Kommunstyrelsen adopts its plan with the new assignment in it.
    moderator.goto(f"{server}/")
    moderator.get_by_role("link", name="Nämndplan 2024").first.click()
    moderator.get_by_label("Beslutsdatum").fill("2024-03-20")
    moderator.get_by_label("Protokollsparagraf").fill("§ 50")
    moderator.get_by_label("Jag bekräftar beslutet").check()
    moderator.get_by_role("button", name="Fastställ planen").click()
    expect(moderator.get_by_text("Planen är nu fastställd.")).to_be_visible()
    # The proposal's page links to the assignment on the portal, and back.
    page.goto(proposal_url)
    _accessible(page)
    page.get_by_role("link", name=re.compile("Sätt upp tio parkbänkar")).click()
    expect(page).to_have_url(re.compile(r"/oppen/marks/KS/2024/uppdrag/"))
    page.get_by_role("link", name="Fler parkbänkar vid sjön").click()
    expect(page).to_have_url(proposal_url)
    # The assignment is done by the interim report, which Kommunstyrelsen adopts …
    found = re.search(r"^.*/plan/\d+/", moderator.url)
    assert found is not None
    plan_url = found.group(0)
    moderator.goto(f"{plan_url}uppfoljning/delar/")
    card = moderator.locator(".card", has_text="Sätt upp tio parkbänkar vid sjön.")
    card.get_by_label("Status").select_option(label="Avslutad")
    card.get_by_role("button", name="Spara").click()
    expect(card.get_by_text("Uppgifterna är sparade.")).to_be_visible()
    moderator.goto(plan_url)
    report = moderator.get_by_role("row", name=re.compile("^Delårsrapport 2024"))
    report.get_by_text("Fastställ Delårsrapport 2024").click()
    report.get_by_label("Beslutsdatum").fill("2024-09-18")
    report.get_by_label("Protokollsparagraf").fill("§ 61")
    report.get_by_label("Jag bekräftar beslutet").check()
    report.get_by_role("button", name="Fastställ rapporten").click()
    expect(moderator.get_by_text("Delårsrapport 2024 är nu fastställd.")).to_be_visible()
    # … and the resident follows it to completion on the portal.
    page.goto(proposal_url)
    page.get_by_role("link", name=re.compile("Sätt upp tio parkbänkar")).click()
    expect(page.get_by_text("Avslutad")).to_be_visible()
