"""The fictitious Styrby kommun's tertial report and bokslut, in its own shape: a cover with
period and decision, goals under their strategic area, activities under their goal, period
columns with computed and typed deviations in Styrby's sign convention (budget − prognos, a
deficit negative), investment projects since their start, and Styrby's own status words. Each
in PDF, DOCX and HTML."""

import re

import pytest

from styr.documents.actions import version_file
from styr.documents.models import DocumentVersion
from styr.documents.produce import document_for
from styr.documents.render import Format, render
from styr.documents.tests.helpers import docx_text, pdf_text
from styr.plans.models import Plan

pytestmark = pytest.mark.django_db

# Phrases each document holds, read as a user's tool reads it, whitespace collapsed.
TERTIAL = [
    "Tertialrapport 1 2024",
    "1 januari–30 april 2024",
    "Fastställd 2024-05-27, § 41",
    "Lärande för livet",
    "Alla barn och elever i Styrby ska nå så långt som möjligt i sitt lärande",
    "Andel elever i åk 9 behöriga till yrkesprogram 85 85,7 86,2 ≥ 87 Nära målet",
    "Delvis uppfyllt",
    "Fler elever ska vara behöriga till gymnasiet",
    "Studiehandledning på modersmål",
    "Pågår 30 %",
    "Påbörjad",
    "Förskola 176,9 182,4 59,1 183,9 −1,5",
    "Summa nettokostnad 506,3 518,1 168,9 521,7 −3,6",
    "Ny förskola Ekbacken (2023–2025) 64,0 31,6 8,4 32,4",
    "Summa investeringar 79,7 33,7 10,5 46,0",
]
TERTIAL_HEADERS = [
    "Utfall delår 2024", "Bokslut 2023", "Budget 2024", "Utfall jan–apr 2024", "Prognos 2024",
    "Avvikelse", "Total projektbudget", "Ack. utfall per 30 april 2024",
]  # fmt: skip
BOKSLUT = [
    "Bokslut 2024",
    "1 januari–31 december 2024",
    "Ej fastställd",
    "Inte uppfyllt",
    "Sommarskola för elever i åk 8 och 9",
    "Klar 100 %",
    "Summa nettokostnad 506,3 518,1 524,0 −4,9",
    "Ombyggnad av köket i Sjöskolan (2024) 12,5 12,5 12,9 12,9 −0,4",
    "Summa investeringar 79,7 43,7 68,2 45,0 11,5",
    "Helt",
]
BOKSLUT_HEADERS = ["Avvikelse efter resultatöverföring", "Ack. utfall per 31 december 2024"]


def _plain(text: str) -> str:
    return " ".join(text.replace("\u00ad\n", "").replace("\u00ad", "").split())


def _texts(content: dict[Format, bytes]) -> dict[Format, str]:
    html = re.sub(r"<[^>]+>", " ", content[Format.HTML].decode("utf-8"))
    return {
        Format.PDF: _plain(pdf_text(content[Format.PDF])),
        Format.DOCX: _plain(docx_text(content[Format.DOCX])),
        Format.HTML: _plain(html.replace("&amp;", "&")),
    }


@pytest.fixture
def bun() -> Plan:
    return Plan.objects.get(body__municipality__key="styrby", body__code="BUN", year=2024)


def test_the_adopted_tertial_report_is_its_decided_version(bun: Plan) -> None:
    version = DocumentVersion.objects.get(
        occasion__plan=bun, occasion__key="tertial1", template_key="tertialrapport"
    )
    texts = _texts({f: version_file(version, f) for f in Format})
    for format, text in texts.items():
        for phrase in TERTIAL:
            assert phrase in text, (format, phrase)
    # Headers wrap inside narrow PDF cells; Word and HTML hold them whole.
    for format in (Format.DOCX, Format.HTML):
        for header in TERTIAL_HEADERS:
            assert header in texts[format], (format, header)


def test_the_bokslut_in_every_format(bun: Plan) -> None:
    document = document_for(bun, "bokslut", "bokslut")
    texts = _texts({f: render(document, f) for f in Format})
    for format, text in texts.items():
        for phrase in BOKSLUT:
            assert phrase in text, (format, phrase)
    for format in (Format.DOCX, Format.HTML):
        for header in BOKSLUT_HEADERS:
            assert header in texts[format], (format, header)


def test_activities_stand_under_their_goal_in_reading_order(bun: Plan) -> None:
    html = _texts({f: render(document_for(bun, "bokslut", "bokslut"), f) for f in Format})
    text = html[Format.HTML]
    behoriga = text.index("Fler elever ska vara behöriga till gymnasiet Aktivitet")
    trygga = text.index("Barn och elever ska känna sig trygga Aktivitet")
    assert behoriga < text.index("Sommarskola för elever i åk 8 och 9") < trygga
    assert trygga < text.index("Trygghetsvandringar med elevråden")


def test_each_municipality_reports_in_its_own_words(bun: Plan, ks_plan: Plan) -> None:
    from django.contrib.auth.models import User

    from styr.web.tests.helpers import client_for

    def offered(user: str, plan: Plan, occasion: str) -> list[str]:
        page = client_for(User.objects.get(username=user)).get(
            f"/plan/{plan.pk}/uppfoljning/{occasion}/"
        )
        return re.findall(r'<option value="ongoing"[^>]*>([^<]+)</option>', page.content.decode())

    assert set(offered("bun.redaktor", bun, "bokslut")) == {"Påbörjad"}
    assert set(offered("ks.redaktor", ks_plan, "delar")) == {"Pågående"}


def test_the_plan_page_links_each_report_to_the_municipalitys_own_template(bun: Plan) -> None:
    from django.contrib.auth.models import User

    from styr.web.tests.helpers import client_for

    page = client_for(User.objects.get(username="bun.redaktor")).get(f"/plan/{bun.pk}/")
    html = page.content.decode()
    assert "dokument/tertialrapport/?tillfalle=tertial1&amp;version=1" in html
    assert "dokument/bokslut/?tillfalle=bokslut" in html


def test_each_participating_unit_speaks_under_its_name(bun: Plan) -> None:
    version = DocumentVersion.objects.get(
        occasion__plan=bun, occasion__key="tertial2", template_key="tertialrapport"
    )
    texts = _texts({f: version_file(version, f) for f in Format})
    for format, text in texts.items():
        assert "Försenat av personalbrist." in text, format
        # The PDF's comment column wraps; the unit's name leads its words in every format.
        assert "Grundskoleenheten: Rektorerna har" in text, format
    assert "Kulturskolan: Skapande verkstäder två eftermiddagar i veckan" in texts[Format.HTML]
