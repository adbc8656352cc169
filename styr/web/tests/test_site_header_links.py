"""The site header offers the audit log to auditors and administrators, the reference data to
a municipality's administrators, and neither to anyone else."""

import pytest
from django.contrib.auth.models import User

from styr.plans.models import Plan
from styr.web.tests.helpers import client_for

pytestmark = pytest.mark.django_db


def _header(user: User, path: str = "/") -> str:
    html = client_for(user).get(path).content.decode()
    return html[html.index("<header") : html.index("</header>")]


@pytest.mark.parametrize(
    ("username", "audit_log", "reference"),
    [("revisor", True, False), ("kommunadmin", True, True), ("politiker", False, False),
     ("ks.redaktor", False, False), ("ks.rapportor", False, False)],
)  # fmt: skip
def test_the_header_offers_what_the_role_may_open(
    username: str, audit_log: bool, reference: bool, ks_plan: Plan
) -> None:
    user = User.objects.get(username=username)
    header = _header(user, f"/plan/{ks_plan.pk}/")
    assert ('href="/logg/"' in header) is audit_log
    assert ('href="/referensdata/"' in header) is reference
    # What the header offers opens; what it does not is refused.
    assert client_for(user).get("/logg/").status_code == (200 if audit_log else 404)
