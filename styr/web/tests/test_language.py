"""The editors speak Swedish: no English help text from the models reaches a form."""

import re

import pytest
from django.contrib.auth.models import User

from styr.indicators.models import Indicator
from styr.plans.models import Plan
from styr.web.tests.helpers import client_for

pytestmark = pytest.mark.django_db
ENGLISH = re.compile(r"\b(?:the|given|when|with|of|E\.g)\b")


def test_no_editor_form_shows_english_help(editor: User, ks_plan: Plan) -> None:
    indicator = Indicator.objects.get(body=ks_plan.body, key="befolkning")
    pages = [
        "mal/", "uppdrag/", "risker/", "delar/digitalisering/", "delar/lokaler/",
        "delar/kompetens/", f"indikator/{indicator.pk}/",
    ]  # fmt: skip
    english = {}
    for page in pages:
        html = client_for(editor).get(f"/plan/{ks_plan.pk}/{page}").content.decode()
        helps = re.findall(r'<div class="helptext"[^>]*>(.*?)</div>', html, re.S)
        assert page != "uppdrag/" or "Vem som gav uppdraget." in helps
        if found := [h for h in helps if ENGLISH.search(h)]:
            english[page] = found
    assert english == {}
