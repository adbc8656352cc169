"""The administrator maps groups to roles in the Django admin; each change is audited and
applies at once. Who is not staff is refused."""

import pytest
from django.contrib.auth.models import User
from django.test import Client

from styr.access.models import Role
from styr.audit.models import AuditEntry
from styr.organisation.models import Body
from styr.sso.models import ClaimRoleMapping
from styr.web.tests.helpers import client_for

pytestmark = pytest.mark.django_db

ADD = "/admin/sso/claimrolemapping/add/"


def _form(ks: Body, **changes: object) -> dict[str, object]:
    return {"municipality": ks.municipality_id, "claim": "groups",
            "value": "0b6c5f0e-1111-4a5e-9a3c-5a7b2f0c9d01",
            "description": "Styr – redaktörer KS", "role": Role.EDITOR, "body": ks.pk,
            **changes}  # fmt: skip


def test_the_administrator_adds_changes_and_removes_a_mapping(ks: Body, editor: User) -> None:
    admin = client_for(User.objects.get(username="admin"))
    assert admin.post(ADD, _form(ks)).status_code == 302
    mapping = ClaimRoleMapping.objects.get()
    assert str(mapping) == "groups=Styr – redaktörer KS → Redaktör – KS"
    change = f"/admin/sso/claimrolemapping/{mapping.pk}/change/"
    assert admin.post(change, _form(ks, role=Role.READER)).status_code == 302
    assert admin.post(f"/admin/sso/claimrolemapping/{mapping.pk}/delete/",
                      {"post": "yes"}).status_code == 302  # fmt: skip
    assert not ClaimRoleMapping.objects.exists()
    assert list(AuditEntry.objects.filter(action__startswith="sso_mapping_")
                .order_by("pk").values_list("action", flat=True)) == [
        "sso_mapping_created", "sso_mapping_changed", "sso_mapping_deleted",
    ]  # fmt: skip


def test_it_explains_a_role_that_does_not_fit_the_body(ks: Body) -> None:
    admin = client_for(User.objects.get(username="admin"))
    page = admin.post(ADD, _form(ks, role=Role.AUDITOR)).content.decode()
    assert "Rollen gäller hela kommunen och ska inte ha något organ." in page
    page = admin.post(ADD, _form(ks, body="")).content.decode()
    assert "Rollen gäller ett organ: välj vilket." in page
    assert not ClaimRoleMapping.objects.exists()


def test_who_is_not_staff_is_refused(ks: Body, editor: User) -> None:
    for client in (client_for(editor), Client()):
        response = client.post(ADD, _form(ks))
        assert response.status_code == 302 and response["Location"].startswith("/admin/login/")
    assert not ClaimRoleMapping.objects.exists()
