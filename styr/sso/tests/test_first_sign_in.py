"""The first sign-in through the provider creates the account, with the roles its groups are
mapped to; the next sign-in finds the same account by the provider's subject."""

import pytest
from django.contrib.auth.models import User

from styr.access.models import Grant, Role
from styr.audit.models import AuditEntry
from styr.organisation.models import Body
from styr.plans.models import Plan
from styr.sso.models import ClaimRoleMapping, SsoGrant, SsoIdentity
from styr.sso.tests.conftest import Provider, Visitor

pytestmark = pytest.mark.django_db


def test_it_creates_the_account_with_the_mapped_roles(
    sso: Provider, visitor: Visitor, ks: Body, ks_plan: Plan
) -> None:
    ClaimRoleMapping.objects.create(
        municipality=ks.municipality, value="grp-ks-editors", body=ks, role=Role.EDITOR
    )
    login = sso.add_account("anna", groups=["grp-ks-editors", "grp-unrelated"])

    response = visitor.sign_in(login)

    assert response.status_code == 302 and response["Location"] == "/"
    user = User.objects.get(username=f"{login}@marks.se")
    assert (user.first_name, user.last_name, user.email) == (
        "Anna", "Testsson", f"{login}@marks.se",
    )  # fmt: skip
    assert not user.has_usable_password()
    assert SsoIdentity.objects.get(user=user).subject == login
    grant = Grant.objects.get(user=user)
    assert (grant.body, grant.role) == (ks, Role.EDITOR)
    assert SsoGrant.objects.filter(grant=grant).exists()
    assert set(AuditEntry.objects.filter(object_id__in=[str(user.pk), str(grant.pk)])
               .values_list("action", flat=True)) >= {
        "user_created", "sso_account_linked", "sso_role_granted",
    }  # fmt: skip
    entry = AuditEntry.objects.get(action="sso_role_granted", object_id=str(grant.pk))
    assert entry.actor is None and entry.actor_name == "inloggning via Testleverantören"
    assert int(visitor.client.session["_auth_user_id"]) == user.pk
    assert visitor.client.get(f"/plan/{ks_plan.pk}/").status_code == 200


def test_it_finds_the_same_account_again_by_the_subject(sso: Provider, visitor: Visitor) -> None:
    login = sso.add_account("bertil", groups=[])
    visitor.sign_in(login)
    user = User.objects.get(username=f"{login}@marks.se")
    # The person changes name at the provider (a new UPN): still the same account.
    sso.accounts[login]["claims"]["preferred_username"] = "bertil.nytt@marks.se"
    sso.accounts[login]["claims"]["email"] = "bertil.nytt@marks.se"
    sso._write()
    visitor.client.logout()

    response = visitor.sign_in(login)

    assert response.status_code == 302
    assert int(visitor.client.session["_auth_user_id"]) == user.pk
    user.refresh_from_db()
    assert user.email == "bertil.nytt@marks.se"
    assert not User.objects.filter(username="bertil.nytt@marks.se").exists()
