"""An editor links an indicator to Kolada by searching the KPI catalogue by name (or id),
choosing a result, and saving: no need to know the id by heart."""

import re

import pytest
from django.contrib.auth.models import User

from styr.indicators.models import Indicator
from styr.kolada.models import Kpi
from styr.plans.models import Plan
from styr.web.tests.helpers import client_for, text_of

pytestmark = pytest.mark.django_db


def _url(plan: Plan) -> str:
    indicator = Indicator.objects.get(body=plan.body, key="nya-bostader")
    return f"/plan/{plan.pk}/indikator/{indicator.pk}/"


def test_it_finds_kpis_by_words_of_the_name(editor: User, ks_plan: Plan) -> None:
    kpi = Kpi.objects.get(id="N01951")
    words = " ".join(kpi.title.split()[:2]).upper()
    response = client_for(editor).get(_url(ks_plan), {"kpi_sok": words})
    page = response.content.decode()
    assert f'href="?kpi=N01951#installningar">N01951 – {kpi.title}</a>' in page
    titles = re.findall(r'href="\?kpi=[^"]+#installningar">[^ ]+ – ([^<]+)</a>', page)
    assert titles and all(all(w.casefold() in t.casefold() for w in words.split()) for t in titles)


def test_it_finds_a_kpi_by_its_id_in_any_case(editor: User, ks_plan: Plan) -> None:
    page = client_for(editor).get(_url(ks_plan), {"kpi_sok": "n01951"}).content.decode()
    assert 'href="?kpi=N01951#installningar"' in page


def test_a_chosen_kpi_is_filled_in_and_linked_when_saved(editor: User, ks_plan: Plan) -> None:
    client = client_for(editor)
    response = client.get(_url(ks_plan), {"kpi": "N01951"})
    page = response.content.decode()
    assert re.search(r'name="kolada_kpi"[^>]*value="N01951"', page)
    assert "N01951 är ifyllt nedan. Spara indikatorn" in text_of(response)
    indicator = Indicator.objects.get(body=ks_plan.body, key="nya-bostader")
    assert indicator.kolada_kpi != "N01951"  # nothing is saved by choosing


def test_no_match_says_what_to_try(editor: User, ks_plan: Plan) -> None:
    text = text_of(client_for(editor).get(_url(ks_plan), {"kpi_sok": "zzzfinnsinte"}))
    assert "Inget nyckeltal i Kolada matchar ”zzzfinnsinte”" in text


def test_readers_get_no_search_and_outsiders_no_page(
    reader: User, outsider: User, ks_plan: Plan
) -> None:
    page = client_for(reader).get(_url(ks_plan), {"kpi_sok": "invånare"}).content.decode()
    assert 'id="kpi_sok"' not in page and "?kpi=N01951" not in page
    assert client_for(outsider).get(_url(ks_plan), {"kpi_sok": "invånare"}).status_code == 404
