"""The whole single sign-on in a real browser: the administrator maps a group in the admin,
a new person clicks "Logga in med …", signs in at the provider and lands in Styr with the
group's role; signing out ends the provider's session too, so the next sign-in asks for the
password again. A person in no mapped group is refused the body's plan."""

import re

from playwright.sync_api import Browser, Page, expect

from styr.sso.tests.conftest import PASSWORD, Provider

BUTTON = "Logga in med Testleverantören"


def _map_group_in_the_admin(browser: Browser, server: str) -> None:
    context = browser.new_context(locale="sv-SE")
    admin = context.new_page()
    admin.goto(f"{server}/admin/login/")
    admin.get_by_label("Användarnamn").fill("admin")
    admin.get_by_label("Lösenord").fill("demo")
    admin.get_by_role("button", name="Logga in").click()
    admin.goto(f"{server}/admin/sso/claimrolemapping/add/")
    admin.get_by_label("Kommun").select_option(label="Marks kommun")
    admin.get_by_label("Värde").fill("grp-ks-editors")
    admin.get_by_label("Beskrivning").fill("Styr – redaktörer KS")
    admin.get_by_label("Roll").select_option(label="Redaktör")
    admin.get_by_label("Organ").select_option(label="Kommunstyrelsen")
    admin.get_by_role("button", name="Spara", exact=True).click()
    expect(admin.get_by_text("Styr – redaktörer KS").first).to_be_visible()
    context.close()


def _sign_in_at_provider(page: Page, login: str) -> None:
    page.get_by_label("Username").fill(login)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def test_a_new_person_signs_in_with_the_provider_and_out_again(
    page: Page, browser: Browser, sso_server: str, provider: Provider
) -> None:
    _map_group_in_the_admin(browser, sso_server)
    login = provider.add_account("maja", groups=["grp-ks-editors"])

    page.goto(f"{sso_server}/login/")
    page.get_by_role("link", name=BUTTON).click()
    _sign_in_at_provider(page, login)
    page.wait_for_url(f"{sso_server}/")
    expect(page.get_by_text(f"{login}@marks.se")).to_be_visible()
    plan = page.get_by_role("link", name="Nämndplan 2024").first
    plan_url = plan.get_attribute("href")
    plan.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Kommunstyrelsen: Nämndplan 2024")

    # Signing out is a form post that redirects to the provider: the CSP lets it through.
    page.get_by_role("button", name="Logga ut").click()
    page.get_by_role("button", name="Yes, sign me out").click()
    page.wait_for_url(f"{sso_server}/login/")

    page.get_by_role("link", name=BUTTON).click()
    expect(page.get_by_label("Password")).to_be_visible()

    # Someone else, in no mapped group, signs in on this browser and is refused the plan.
    stranger = provider.add_account("nils", groups=["grp-other"])
    _sign_in_at_provider(page, stranger)
    page.wait_for_url(f"{sso_server}/")
    response = page.goto(f"{sso_server}{plan_url}")
    assert response is not None and response.status == 404
    expect(page.get_by_role("heading", level=1)).not_to_have_text(re.compile("Nämndplan"))
