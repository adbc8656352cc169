"""A request looks its roles up once (styr.access.permissions.remembering_roles), and what it
remembers never outlives a change of grant or the request itself."""

from django.contrib.auth.models import User
from django.db import connection
from django.test.utils import CaptureQueriesContext

from styr.access.actions import do_grant_role
from styr.access.models import Grant, Role
from styr.access.permissions import can_edit, can_read, remembering_roles
from styr.plans.models import Plan
from styr.web.tests.helpers import client_for


def test_it_asks_the_database_once_a_request(reader: User, ks_plan: Plan) -> None:
    body = ks_plan.body
    with remembering_roles(), CaptureQueriesContext(connection) as queries:
        assert can_read(reader, body)
        assert not can_edit(reader, body)
        assert can_read(reader, body)
    assert len([q for q in queries if "access_grant" in q["sql"]]) == 1


def test_it_sees_a_role_granted_during_the_request(outsider: User, ks_plan: Plan) -> None:
    body = ks_plan.body
    with remembering_roles():
        assert not can_read(outsider, body)
        grant = do_grant_role(outsider, Role.EDITOR, municipality=body.municipality, body=body,
                              acting_user=None)  # fmt: skip
        assert can_edit(outsider, body)
        grant.delete()
        assert not can_read(outsider, body)


def test_it_forgets_between_requests(outsider: User, ks_plan: Plan) -> None:
    client = client_for(outsider)
    url = f"/plan/{ks_plan.pk}/"
    assert client.get(url).status_code == 404
    body = ks_plan.body
    do_grant_role(outsider, Role.READER, municipality=body.municipality, body=body,
                  acting_user=None)  # fmt: skip
    assert client.get(url).status_code == 200
    # A bulk delete sends no signal per grant; the next request asks the database anew.
    Grant.objects.filter(user=outsider, body=body).delete()
    assert client.get(url).status_code == 404
