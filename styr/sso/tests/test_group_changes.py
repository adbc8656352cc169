"""Roles from single sign-on follow the person's groups at each sign-in, and a mapping that
an administrator changes or removes applies at once to everyone whose groups it matched."""

import pytest
from django.contrib.auth.models import User

from styr.access.models import Grant, Role
from styr.audit.models import AuditEntry
from styr.organisation.models import Body
from styr.sso.actions import do_delete_mapping, do_save_mapping
from styr.sso.models import ClaimRoleMapping
from styr.sso.tests.conftest import Provider, Visitor

pytestmark = pytest.mark.django_db


def _roles(login: str) -> set[tuple[str | None, str]]:
    return {
        (grant.body.code if grant.body else None, grant.role)
        for grant in Grant.objects.filter(user__username=f"{login}@marks.se")
    }


def test_it_follows_the_groups_at_the_next_sign_in(
    sso: Provider, visitor: Visitor, ks: Body
) -> None:
    kfn = Body.objects.get(municipality=ks.municipality, code="KFN")
    for value, body, role in [("grp-ks", ks, Role.EDITOR), ("grp-kfn", kfn, Role.READER),
                              ("grp-audit", None, Role.AUDITOR)]:  # fmt: skip
        ClaimRoleMapping.objects.create(
            municipality=ks.municipality, value=value, body=body, role=role
        )
    login = sso.add_account("erik", groups=["grp-ks", "grp-audit"])
    visitor.sign_in(login)
    assert _roles(login) == {("KS", Role.EDITOR), (None, Role.AUDITOR)}

    # IT moves Erik from the KS group to KFN's readers; the next sign-in follows.
    sso.set_groups(login, ["grp-kfn", "grp-audit"])
    visitor.client.logout()
    visitor.sign_in(login)

    assert _roles(login) == {("KFN", Role.READER), (None, Role.AUDITOR)}
    actions = list(AuditEntry.objects.filter(action__startswith="sso_role_")
                   .order_by("pk").values_list("action", flat=True))  # fmt: skip
    assert actions[-2:] == ["sso_role_revoked", "sso_role_granted"]


def test_a_changed_mapping_applies_at_once(
    sso: Provider, visitor: Visitor, ks: Body, editor: User
) -> None:
    mapping = ClaimRoleMapping.objects.create(
        municipality=ks.municipality, value="grp-ks", body=ks, role=Role.READER
    )
    login = sso.add_account("frida", groups=["grp-ks"])
    visitor.sign_in(login)
    assert _roles(login) == {("KS", Role.READER)}

    mapping.role = Role.REPORTER
    do_save_mapping(mapping, acting_user=editor)

    assert _roles(login) == {("KS", Role.REPORTER)}
    entry = AuditEntry.objects.get(action="sso_mapping_changed")
    assert entry.actor == editor and entry.changes["role"] == ["Läsare", "Rapportör"]
    # A new mapping for a group she is in applies at once too.
    do_save_mapping(
        ClaimRoleMapping(municipality=ks.municipality, value="grp-ks", role=Role.OVERSIGHT),
        acting_user=editor,
    )
    assert _roles(login) == {("KS", Role.REPORTER), (None, Role.OVERSIGHT)}

    do_delete_mapping(mapping, acting_user=editor)

    assert _roles(login) == {(None, Role.OVERSIGHT)}
    assert AuditEntry.objects.filter(action="sso_role_revoked", actor=editor).count() == 2
