"""The indicator's settings say whether residents are shown it: the editor unticks the box, the
page shows it unticked again with the change in its history; others may not, and an adopted
plan refuses the change like the rest of the settings."""

import re

import pytest
from django.contrib.auth.models import User

from styr.audit.models import AuditEntry
from styr.core.conflicts import fingerprint_of
from styr.indicators.models import Indicator
from styr.plans.models import Plan
from styr.web.forms import IndicatorSettingsForm
from styr.web.tests.helpers import client_for, text_of

pytestmark = pytest.mark.django_db


def _indicator(plan: Plan) -> Indicator:
    return Indicator.objects.get(body=plan.body, key="skolfranvaro")


def _posted(indicator: Indicator, *, public: bool) -> dict[str, str]:
    """The settings form as the page shows it, its box ticked or not (unticked: not posted)."""
    fields = list(IndicatorSettingsForm.Meta.fields)
    data = {f: str(getattr(indicator, f)) for f in fields if f != "public"}
    data["based_on"] = fingerprint_of(indicator, fields)
    return {**data, "public": "on"} if public else data


def _box(page: str) -> str:
    found = re.search(r'<input type="checkbox" name="public"[^>]*>', page)
    assert found is not None, "the settings form has the box"
    return found[0]


def test_the_box_is_ticked_for_a_published_indicator(editor: User, ks_plan: Plan) -> None:
    page = client_for(editor).get(f"/plan/{ks_plan.pk}/indikator/{_indicator(ks_plan).pk}/")
    assert "Visas för invånare (offentlig)" in text_of(page)
    assert " checked" in _box(page.content.decode())


def test_the_editor_stops_publishing_an_indicator(editor: User, ks_plan: Plan) -> None:
    indicator = _indicator(ks_plan)
    url = f"/plan/{ks_plan.pk}/indikator/{indicator.pk}/"
    client = client_for(editor)

    saved = client.post(f"{url}andra/", _posted(indicator, public=False), follow=True)

    assert "Indikatorn är sparad." in text_of(saved)
    assert Indicator.objects.get(pk=indicator.pk).public is False
    assert " checked" not in _box(saved.content.decode())
    entry = AuditEntry.objects.get(action="indicator_changed", actor=editor)
    assert entry.changes == {"public": [True, False]}
    assert "offentlig (visas för invånare): ja → nej" in text_of(saved)


def test_only_the_editor_of_a_plan_not_yet_adopted_may(
    reader: User, outsider: User, editor: User, adopted_plan: Plan
) -> None:
    indicator = _indicator(adopted_plan)
    url = f"/plan/{adopted_plan.pk}/indikator/{indicator.pk}/andra/"
    posted = _posted(indicator, public=False)
    assert client_for(reader).post(url, posted).status_code == 403
    assert client_for(outsider).post(url, posted).status_code == 404
    refused = client_for(editor).post(url, posted)
    assert refused.status_code == 403 and "fastställd" in text_of(refused)
    assert Indicator.objects.get(pk=indicator.pk).public is True
