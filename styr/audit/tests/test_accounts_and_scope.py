"""Accounts in the audit log, and whose log a reader sees: a change of an account's flags or
password in the admin is recorded as the administrator who made it (the password only as
"ändrat"); an account with history is deactivated instead of deleted; and each municipality's
auditors and administrators read their own municipality's entries, nobody else's."""

import pytest
from django.contrib.auth.models import User
from django.test import Client

from styr.access.actions import do_grant_role
from styr.access.models import Role
from styr.activities.actions import do_save_activity
from styr.audit.models import AuditEntry
from styr.organisation.models import Municipality
from styr.plans.models import Plan
from styr.web.tests.helpers import client_for, text_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client: Client) -> Client:
    client.login(username="admin", password="demo")
    return client


def _form(user: User, **changes: object) -> dict[str, object]:
    data: dict[str, object] = {
        "username": user.username, "first_name": user.first_name, "last_name": user.last_name,
        "email": user.email, "is_active": "on" if user.is_active else "",
        "is_staff": "on" if user.is_staff else "", "date_joined_0": "2024-01-01",
        "date_joined_1": "00:00:00", "initial-date_joined_0": "2024-01-01",
        "initial-date_joined_1": "00:00:00",
    }  # fmt: skip
    data.update(changes)
    return {k: v for k, v in data.items() if v != ""}


def test_flags_and_passwords_changed_in_the_admin_are_recorded(admin_client: Client) -> None:
    user = User.objects.create_user("ny.handlaggare", password="Gammalt-losen-2024")
    response = admin_client.post(
        f"/admin/auth/user/{user.pk}/change/", _form(user, is_superuser="on")
    )
    assert response.status_code == 302
    entry = AuditEntry.objects.filter(action="user_changed", object_id=str(user.pk)).latest("pk")
    assert entry.actor_name == "admin" and entry.changes["is_superuser"] == [False, True]
    response = admin_client.post(
        f"/admin/auth/user/{user.pk}/password/",
        {"password1": "Nytt-langt-losen-2024", "password2": "Nytt-langt-losen-2024"},
    )
    assert response.status_code == 302
    entry = AuditEntry.objects.filter(action="user_changed", object_id=str(user.pk)).latest("pk")
    assert entry.changes == {"password": ["–", "ändrat"]}
    assert "Nytt-langt" not in str(entry.changes) and "argon2" not in str(entry.changes)


def test_an_account_with_history_is_deactivated_not_deleted(
    admin_client: Client, editor: User
) -> None:
    AuditEntry.objects.create(actor=editor, actor_name=editor.username, action="plan_text_changed")
    response = admin_client.post(f"/admin/auth/user/{editor.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    editor.refresh_from_db()
    assert editor.is_active is False
    assert AuditEntry.objects.filter(actor=editor).exists()
    fresh = User.objects.create_user("tillfallig", password="x" * 16)
    admin_client.post(f"/admin/auth/user/{fresh.pk}/delete/", {"post": "yes"})
    assert not User.objects.filter(pk=fresh.pk).exists()
    assert AuditEntry.objects.filter(action="user_deleted", actor_name="admin").exists()


def test_each_municipality_reads_its_own_log(outsider: User) -> None:
    styrby = Municipality.objects.get(key="styrby")
    bun = Plan.objects.get(body__municipality=styrby, body__code="BUN", year=2024)
    writer = User.objects.get(username="bun.redaktor")
    do_save_activity(bun, None, {"title": "Läxhjälp i Styrby"}, acting_user=writer)
    auditor = User.objects.create_user("styrby.revisor", password="x" * 16)
    do_grant_role(auditor, Role.AUDITOR, municipality=styrby, body=None, acting_user=None)

    assert "Läxhjälp i Styrby" in text_of(client_for(auditor).get("/logg/?q=Läxhjälp"))
    marks_admin = User.objects.get(username="kommunadmin")
    assert "Läxhjälp i Styrby" not in text_of(client_for(marks_admin).get("/logg/?q=Läxhjälp"))
    assert "Läxhjälp i Styrby" not in text_of(client_for(User.objects.get(username="revisor"))
                                              .get("/logg/?q=Läxhjälp"))  # fmt: skip
    assert client_for(outsider).get("/logg/").status_code == 404
