"""What the provider's word does not open: a local account of the same name (unless the
administrator allows the take-over), a deactivated account, a token from another issuer, and a
sign-in the person cancelled at the provider. Each is refused with a message on the login
page."""

import pytest
from django.contrib.auth.models import User
from django.test import Client

from styr.sso.models import SsoIdentity
from styr.sso.tests.conftest import Provider, Visitor

pytestmark = pytest.mark.django_db

CANNOT = "Testleverantören kände igen dig, men Styr kan inte ge dig ett konto."
FAILED = "Inloggningen med Testleverantören gick inte igenom. Försök igen."


def _refused(visitor: Visitor, login: str, message: str) -> None:
    response = visitor.sign_in(login)
    assert response.status_code == 302 and response["Location"] == "/login/"
    assert "_auth_user_id" not in visitor.client.session
    assert message in visitor.client.get("/login/").content.decode()


def test_it_does_not_take_over_a_local_account_of_the_same_name(
    sso: Provider, visitor: Visitor, settings: object
) -> None:
    login = sso.add_account("admin-lookalike", groups=[], preferred_username="ks.redaktor")
    _refused(visitor, login, CANNOT)
    assert not SsoIdentity.objects.exists()

    settings.OIDC_LINK_EXISTING_ACCOUNTS = True  # type: ignore[attr-defined]
    other = Visitor(Client())
    assert other.sign_in(login)["Location"] == "/"
    assert SsoIdentity.objects.get(subject=login).user.username == "ks.redaktor"


def test_it_refuses_a_deactivated_account(sso: Provider, visitor: Visitor) -> None:
    login = sso.add_account("ivar", groups=[])
    visitor.sign_in(login)
    User.objects.filter(username=f"{login}@marks.se").update(is_active=False)
    _refused(Visitor(Client()), login, FAILED)


def test_it_refuses_a_token_from_another_issuer(
    sso: Provider, visitor: Visitor, settings: object
) -> None:
    settings.OIDC_OP_ISSUER = "https://login.microsoftonline.com/other-tenant/v2.0"  # type: ignore[attr-defined]
    login = sso.add_account("jonna", groups=[])
    _refused(visitor, login, FAILED)
    assert not User.objects.filter(username=f"{login}@marks.se").exists()


def test_it_says_so_when_the_person_cancels_at_the_provider(
    sso: Provider, visitor: Visitor
) -> None:
    start = visitor.client.get("/oidc/authenticate/")
    state = start["Location"].split("state=")[1].split("&")[0]
    response = visitor.client.get(f"/oidc/callback/?error=access_denied&state={state}")
    assert response["Location"] == "/login/"
    assert FAILED in visitor.client.get("/login/").content.decode()
