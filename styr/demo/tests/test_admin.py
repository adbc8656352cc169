"""The Django admin is the back office: staff get in, everyone else is sent to log in."""

import pytest
from django.contrib.auth.models import User
from django.test import Client

from styr.plans.models import Plan

pytestmark = pytest.mark.django_db

PAGES = [
    "/admin/",
    "/admin/plans/plan/",
    "/admin/indicators/indicator/",
    "/admin/assignments/assignment/",
    "/admin/internal_control/risk/",
    "/admin/finance/budgettable/",
    "/admin/audit/auditentry/",
]


@pytest.mark.parametrize("page", PAGES)
def test_it_shows_the_admin_in_swedish_to_the_administrator(client: Client, page: str) -> None:
    client.login(username="admin", password="demo")
    response = client.get(page, HTTP_ACCEPT_LANGUAGE="sv")
    assert response.status_code == 200
    assert 'lang="sv"' in response.content.decode()


def test_it_shows_a_plan_to_the_administrator(client: Client, ks_plan: Plan) -> None:
    client.login(username="admin", password="demo")
    response = client.get(f"/admin/plans/plan/{ks_plan.pk}/change/")
    assert response.status_code == 200
    assert "Nämndplan 2024" in response.content.decode()


@pytest.mark.parametrize("page", PAGES)
def test_it_refuses_users_who_are_not_staff(
    client: Client, editor: User, outsider: User, page: str
) -> None:
    for user in (editor, outsider):
        client.force_login(user)
        response = client.get(page)
        assert response.status_code == 302
        assert "/admin/login/" in response["Location"]


def test_it_keeps_the_audit_trail_read_only(client: Client) -> None:
    client.login(username="admin", password="demo")
    assert client.get("/admin/audit/auditentry/add/").status_code == 403
