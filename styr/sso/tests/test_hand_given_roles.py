"""Roles an administrator gave by hand are never taken away by single sign-on, even when the
person's groups give the same role and later stop giving it."""

import pytest
from django.contrib.auth.models import User

from styr.access.actions import do_grant_role
from styr.access.models import Grant, Role
from styr.organisation.models import Body
from styr.sso.models import ClaimRoleMapping, SsoGrant
from styr.sso.tests.conftest import Provider, Visitor

pytestmark = pytest.mark.django_db


def test_it_leaves_roles_given_by_hand_alone(sso: Provider, visitor: Visitor, ks: Body) -> None:
    kfn = Body.objects.get(municipality=ks.municipality, code="KFN")
    ClaimRoleMapping.objects.create(
        municipality=ks.municipality, value="grp-ks", body=ks, role=Role.EDITOR
    )
    login = sso.add_account("gustav", groups=["grp-ks"])
    visitor.sign_in(login)
    user = User.objects.get(username=f"{login}@marks.se")
    # The administrator also makes him a KFN reader, and a KS editor by hand.
    by_hand = [
        do_grant_role(user, Role.READER, municipality=ks.municipality, body=kfn, acting_user=None)
    ]
    Grant.objects.filter(user=user, body=ks).delete()
    by_hand.append(
        do_grant_role(user, Role.EDITOR, municipality=ks.municipality, body=ks, acting_user=None)
    )

    # He leaves the group; his next sign-in takes nothing given by hand.
    sso.set_groups(login, [])
    visitor.client.logout()
    visitor.sign_in(login)

    assert set(Grant.objects.filter(user=user)) == set(by_hand)
    assert not SsoGrant.objects.filter(grant__user=user).exists()
