"""An editor previews a chapter text as the documents will render it before saving it:
headings, lists and tables read as they will, nothing is saved, and the toolbar's format is the
stored one."""

import pytest
from django.contrib.auth.models import User

from styr.plans.models import Plan
from styr.web.tests.helpers import client_for, text_of

pytestmark = pytest.mark.django_db

TEXT = "### Mål för året\n\nEtt stycke.\n\n- en punkt\n- två\n\n1. först\n2. sedan\n\n" \
       "| Rubrik | Belopp |\n| --- | --- |\n| Drift | 12,5 |\n"  # fmt: skip


def _url(plan: Plan) -> str:
    return f"/plan/{plan.pk}/text/agenda_2030/forhandsgranska/"


def test_it_renders_the_text_as_the_documents_do_and_saves_nothing(
    editor: User, ks_plan: Plan
) -> None:
    before = ks_plan.texts.get(key="agenda_2030").text
    response = client_for(editor).post(_url(ks_plan), {"text": TEXT},
                                       headers={"HX-Request": "true"})  # fmt: skip
    page = response.content.decode()
    assert response.status_code == 200
    assert "<h4>Mål för året</h4>" in page and "<ul><li>en punkt</li><li>två</li></ul>" in page
    assert "<ol><li>först</li><li>sedan</li></ol>" in page and "<table" in page
    assert "Förhandsgranskning – inte sparad" in page
    assert ks_plan.texts.get(key="agenda_2030").text == before


def test_without_scripts_it_is_a_page_with_a_way_back(editor: User, ks_plan: Plan) -> None:
    response = client_for(editor).post(_url(ks_plan), {"text": TEXT})
    text = text_of(response)
    assert response.status_code == 200 and "Mål för året" in text
    assert "Öppna redigeringen igen" in text and "Planens delar" in response.content.decode()


def test_the_editor_has_the_toolbar_hook(editor: User, ks_plan: Plan) -> None:
    page = client_for(editor).get(f"/plan/{ks_plan.pk}/text/agenda_2030/?edit=1").content.decode()
    assert "data-toolbar" in page and "Förhandsgranska" in page and "styr/editor.js" in page


def test_an_outsider_is_refused(outsider: User, ks_plan: Plan) -> None:
    assert client_for(outsider).post(_url(ks_plan), {"text": TEXT}).status_code == 404
