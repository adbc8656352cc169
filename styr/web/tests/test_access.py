"""A user without a role on a body gets 404 for its pages and 403 for what they may only read."""

import pytest
from django.contrib.auth.models import User

from styr.indicators.models import Indicator
from styr.plans.models import Plan
from styr.web.tests.helpers import client_for

pytestmark = pytest.mark.django_db


def _pages(plan: Plan) -> list[str]:
    indicator = Indicator.objects.get(body=plan.body, key="nya-bostader")
    return [
        f"/organ/{plan.body_id}/",
        f"/plan/{plan.pk}/",
        f"/plan/{plan.pk}/texter/",
        f"/plan/{plan.pk}/budget/",
        f"/plan/{plan.pk}/uppdrag/",
        f"/plan/{plan.pk}/risker/",
        f"/plan/{plan.pk}/mal/",
        f"/plan/{plan.pk}/text/agenda_2030/",
        f"/plan/{plan.pk}/indikator/{indicator.pk}/",
        f"/plan/{plan.pk}/dokument/namndplan/",
        f"/plan/{plan.pk}/dokument/namndplan.pdf",
    ]


def test_the_outsider_gets_404_for_every_page_of_another_body(
    outsider: User, ks_plan: Plan
) -> None:
    client = client_for(outsider)
    for url in _pages(ks_plan):
        assert client.get(url).status_code == 404, url


def test_the_outsider_cannot_change_anything_of_ks(outsider: User, ks_plan: Plan) -> None:
    client = client_for(outsider)
    indicator = Indicator.objects.get(body=ks_plan.body, key="nya-bostader")
    writes = [
        (f"/plan/{ks_plan.pk}/text/agenda_2030/", {"text": "x", "based_on": ""}),
        (f"/plan/{ks_plan.pk}/status/", {"step": "submit"}),
        (
            f"/plan/{ks_plan.pk}/indikator/{indicator.pk}/",
            {"year": 2024, "kind": "target", "value": "1"},
        ),
    ]
    for url, data in writes:
        assert client.post(url, data).status_code == 404, url
    ks_plan.refresh_from_db()
    assert ks_plan.state == "draft"
    assert not indicator.values.filter(year=2024, kind="target", value=1).exists()


def test_a_reader_reads_but_gets_403_for_writes(reader: User, ks_plan: Plan) -> None:
    client = client_for(reader)
    for url in _pages(ks_plan):
        assert client.get(url).status_code in (200, 302), url
    response = client.post(f"/plan/{ks_plan.pk}/status/", {"step": "submit"})
    assert response.status_code == 403
    assert "Redigera" not in client.get(f"/plan/{ks_plan.pk}/texter/").content.decode()


def test_the_start_page_lists_only_the_users_bodies(outsider: User, editor: User) -> None:
    assert "Kommunstyrelsen" not in client_for(outsider).get("/").content.decode()
    assert "Kultur- och fritidsnämnden" in client_for(outsider).get("/").content.decode()
    assert "Kommunstyrelsen" in client_for(editor).get("/").content.decode()


def test_the_auditor_reads_every_body(ks_plan: Plan) -> None:
    auditor = User.objects.get(username="revisor")
    assert client_for(auditor).get(f"/plan/{ks_plan.pk}/").status_code == 200
    assert (
        client_for(auditor).post(f"/plan/{ks_plan.pk}/status/", {"step": "submit"}).status_code
        == 403
    )
