"""An indicator linked to Kolada: its source, comparison series, and differences to settle."""

from decimal import Decimal

import pytest
from django.contrib.auth.models import User

from styr.indicators.models import Indicator
from styr.plans.models import Plan
from styr.web.forms import fingerprint_of
from styr.web.tests.helpers import client_for, text_of

pytestmark = pytest.mark.django_db


def _url(plan: Plan, key: str = "befolkning") -> str:
    indicator = Indicator.objects.get(body=plan.body, key=key)
    return f"/plan/{plan.pk}/indikator/{indicator.pk}/"


def test_it_names_kolada_and_shows_the_region_and_riket_beside(reader: User, ks_plan: Plan) -> None:
    response = client_for(reader).get(_url(ks_plan))
    text = text_of(response)
    assert "Utfall från Kolada: N01951 Invånare totalt, antal, Mark." in text
    assert "N01951 i Kolada: Mark, Västra Götalandsregionen, Riket" in text
    assert "2021 35 201 Kolada" in text and "2022 35 347 Inskrivet" in text
    assert "2021 35 201 1 744 859 10 452 326" in text
    # Riket's ten million are not drawn beside Mark's 35 000: the table holds them.
    assert "<title>Riket 2021:" not in response.content.decode()
    # Differences are shown; a reader gets no button to settle them.
    assert "2022: inskrivet 35 347, Kolada 35 329" in text
    assert "Använd Koladas värde" not in text and "Hämta utfall från Kolada" not in text


def test_the_chart_draws_comparable_series_beside_the_own(reader: User, ks_plan: Plan) -> None:
    page = client_for(reader).get(_url(ks_plan, "behoriga-yrkesprogram")).content.decode()
    assert page.count("<polyline") == 4  # outcome, target, the region and Riket
    assert "<title>Västra Götalandsregionen 2021: " in page and "<title>Riket 2021: " in page


def test_the_editor_chooses_koladas_number(editor: User, ks_plan: Plan) -> None:
    client = client_for(editor)
    response = client.post(f"{_url(ks_plan)}kolada/", {"year": "2022"}, follow=True)
    assert "Utfallet 2022 är nu Koladas värde." in text_of(response)
    population = Indicator.objects.get(body=ks_plan.body, key="befolkning")
    value = population.values.get(year=2022, kind="outcome")
    assert (value.value, value.source) == (Decimal("35329"), "kolada")
    assert "inskrivet 35 347" not in text_of(response)


def test_the_editor_takes_all_outcomes_again(editor: User, ks_plan: Plan) -> None:
    response = client_for(editor).post(f"{_url(ks_plan)}kolada/", follow=True)
    assert "Från Kolada: 0 nya och 0 ändrade utfall" in text_of(response)
    assert "1 skiljer sig från inskrivna värden (de står kvar)" in text_of(response)


def test_readers_and_outsiders_cannot_take_from_kolada(
    reader: User, outsider: User, ks_plan: Plan
) -> None:
    url = f"{_url(ks_plan)}kolada/"
    assert client_for(reader).post(url, {"year": "2022"}).status_code == 403
    assert client_for(outsider).post(url, {"year": "2022"}).status_code == 404
    population = Indicator.objects.get(body=ks_plan.body, key="befolkning")
    assert population.values.get(year=2022, kind="outcome").source == "manual"


def _settings(indicator: Indicator, **changes: str) -> dict[str, str]:
    fields = [
        "name", "unit", "decimals", "polarity", "kolada_kpi", "kolada_area",
        "kolada_comparisons", "description",
    ]  # fmt: skip
    data = {f: str(getattr(indicator, f)) for f in fields}
    if indicator.public:
        data["public"] = "on"  # a checked box; an unchecked one is not posted
    data["based_on"] = fingerprint_of(indicator, [*fields, "public"])
    return {**data, **changes}


def test_the_editor_links_an_indicator_to_kolada_with_chosen_comparisons(
    editor: User, ks_plan: Plan
) -> None:
    indicator = Indicator.objects.get(body=ks_plan.body, key="skolfranvaro")
    url = f"/plan/{ks_plan.pk}/indikator/{indicator.pk}/"
    posted = _settings(indicator, kolada_kpi="n15436", kolada_comparisons="0000, 1490")
    response = client_for(editor).post(f"{url}andra/", posted, follow=True)
    assert "Indikatorn är sparad." in text_of(response)
    indicator.refresh_from_db()
    assert (indicator.kolada_kpi, indicator.kolada_comparisons) == ("N15436", "0000,1490")
    assert "N15436 i Kolada: Mark, Riket, Borås" in text_of(response)


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("kolada_kpi", "N99999", "N99999 finns inte i Koladas nyckeltalskatalog."),
        ("kolada_comparisons", "0000,Riket", "”Riket” är inget Kolada-område (fyra siffror)."),
        ("kolada_comparisons", "0000,9999", "9999 finns inte bland Koladas områden."),
        ("kolada_area", "1463,1490", "Ange ett enda område."),
    ],
)
def test_a_bad_kolada_link_is_named_and_nothing_changes(
    editor: User, ks_plan: Plan, field: str, value: str, message: str
) -> None:
    indicator = Indicator.objects.get(body=ks_plan.body, key="skolfranvaro")
    url = f"/plan/{ks_plan.pk}/indikator/{indicator.pk}/andra/"
    response = client_for(editor).post(url, _settings(indicator, **{field: value}))
    assert response.status_code == 400
    assert message in text_of(response)
    indicator.refresh_from_db()
    assert indicator.kolada_kpi == "" and indicator.kolada_comparisons == ""


def test_only_the_editor_changes_an_indicator(reader: User, outsider: User, ks_plan: Plan) -> None:
    indicator = Indicator.objects.get(body=ks_plan.body, key="skolfranvaro")
    url = f"/plan/{ks_plan.pk}/indikator/{indicator.pk}/andra/"
    posted = _settings(indicator, name="Ändrad")
    assert client_for(reader).post(url, posted).status_code == 403
    assert client_for(outsider).post(url, posted).status_code == 404
    indicator.refresh_from_db()
    assert indicator.name != "Ändrad"
