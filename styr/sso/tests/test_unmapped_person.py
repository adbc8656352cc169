"""A person whose groups no mapping names gets an account and no role: every body's pages are
refused to them, while a mapped colleague gets in."""

import pytest
from django.test import Client

from styr.access.models import Grant, Role
from styr.plans.models import Plan
from styr.sso.models import ClaimRoleMapping
from styr.sso.tests.conftest import Provider, Visitor

pytestmark = pytest.mark.django_db


def test_it_gives_no_access_to_a_person_in_no_mapped_group(
    sso: Provider, visitor: Visitor, ks_plan: Plan
) -> None:
    ClaimRoleMapping.objects.create(
        municipality=ks_plan.body.municipality, value="grp-ks-readers", body=ks_plan.body,
        role=Role.READER,
    )  # fmt: skip
    stranger = sso.add_account("cecilia", groups=["grp-somewhere-else"])

    assert visitor.sign_in(stranger).status_code == 302

    assert not Grant.objects.filter(user__username=f"{stranger}@marks.se").exists()
    assert visitor.client.get(f"/organ/{ks_plan.body_id}/").status_code == 404
    assert visitor.client.get(f"/plan/{ks_plan.pk}/").status_code == 404
    # A colleague in the mapped group (its id pasted in capitals) is let in.
    colleague = Visitor(Client())
    colleague.sign_in(sso.add_account("david", groups=["GRP-KS-READERS"]))
    assert colleague.client.get(f"/plan/{ks_plan.pk}/").status_code == 200
