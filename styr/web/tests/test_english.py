"""English is a choice the user makes: Swedish whatever the browser asks for, English on every
page once chosen (no Swedish interface sentence left), and the municipality's documents stay
Swedish either way."""

from pathlib import Path

import polib
import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.utils import translation
from django.utils.translation import gettext

from styr.activities.actions import do_save_activity
from styr.plans.models import Plan
from styr.web.tests.helpers import client_for, text_of

pytestmark = pytest.mark.django_db
STYR = Path(__file__).resolve().parents[2]


def _swedish_sentences() -> set[str]:
    """The interface's Swedish sentences (msgids of three words or more, without
    placeholders, that English translates differently), to look for on English pages; those
    the demo's own data also says (a metric group titled like a section) are data there."""
    data = " ".join(p.read_text() for p in (STYR / "demo" / "data").glob("*.yaml"))
    found = set()
    for path in STYR.glob("*/locale/en/LC_MESSAGES/django.po"):
        for entry in polib.pofile(str(path)):
            msgid = entry.msgid
            if "%" in msgid or "{" in msgid or "<" in msgid or entry.msgid_plural:
                continue
            if msgid in data:
                continue
            if len(msgid.split()) >= 3 and entry.msgstr and entry.msgstr != msgid:
                found.add(msgid)
    return found


def _in_english(user: User) -> Client:
    client = client_for(user)
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302
    return client


def test_it_speaks_swedish_whatever_the_browser_asks(reader: User, ks_plan: Plan) -> None:
    client = client_for(reader)
    html = client.get(f"/plan/{ks_plan.pk}/", HTTP_ACCEPT_LANGUAGE="en-GB,en").content.decode()
    assert '<html lang="sv">' in html and "Översikt" in html and ">English</button>" in html


def test_the_chosen_english_reaches_every_page(editor: User, adopted_plan: Plan) -> None:
    client = _in_english(editor)
    swedish = _swedish_sentences()
    assert len(swedish) > 200  # the catalogue is there to compare with
    pages = [
        "/", f"/plan/{adopted_plan.pk}/", f"/plan/{adopted_plan.pk}/mal/",
        f"/plan/{adopted_plan.pk}/indikatorer/", f"/plan/{adopted_plan.pk}/uppdrag/",
        f"/plan/{adopted_plan.pk}/aktiviteter/", f"/plan/{adopted_plan.pk}/budget/",
        f"/plan/{adopted_plan.pk}/risker/", f"/plan/{adopted_plan.pk}/foljetal/",
        f"/plan/{adopted_plan.pk}/texter/", f"/plan/{adopted_plan.pk}/uppfoljning/delar/",
        f"/plan/{adopted_plan.pk}/historik/", f"/plan/{adopted_plan.pk}/excel/",
        "/logg/", "/sok/?q=trygghet", "/finns-inte/",
    ]  # fmt: skip
    left = {}
    for page in pages:
        response = client.get(page)
        assert response.status_code in (200, 404), page
        html = response.content.decode()
        assert '<html lang="en">' in html, page
        text = text_of(response)
        if found := sorted(s for s in swedish if s in text):
            left[page] = found
    assert left == {}
    overview = text_of(client.get(f"/plan/{adopted_plan.pk}/"))
    assert "Overview" in overview and "Svenska" in overview
    # The municipality's scales give their statuses in English too.
    table = text_of(client.get(f"/plan/{adopted_plan.pk}/indikatorer/"))
    assert "Near the target" in table or "Met" in table
    assert "Uppnått" not in table and "Nära målet" not in table
    # So do the levels of its risk matrix.
    risks = text_of(client.get(f"/plan/{adopted_plan.pk}/risker/"))
    assert "Very likely" in risks and "Mycket sannolik" not in risks


def test_every_apps_catalogue_is_loaded() -> None:
    """Each catalogue reaches the interface, styr.core's (a library, not an app) included."""
    for path in STYR.glob("*/locale/en/LC_MESSAGES/django.po"):
        entry = next(e for e in polib.pofile(str(path)) if e.msgstr and not e.msgctxt)
        with translation.override("en"):
            assert gettext(entry.msgid) == entry.msgstr, path


def test_an_outsider_is_refused_in_english(outsider: User, ks_plan: Plan) -> None:
    response = _in_english(outsider).get(f"/plan/{ks_plan.pk}/")
    assert response.status_code == 404
    html = response.content.decode()
    assert '<html lang="en">' in html and "Översikt" not in html


def _article(html: str) -> str:
    return html[html.index("<article") : html.rindex("</article>")]


def test_documents_stay_swedish_for_an_english_reader(editor: User, adopted_plan: Plan) -> None:
    url = f"/plan/{adopted_plan.pk}/dokument/namndplan/"
    swedish = client_for(editor).get(url).content.decode()
    english = _in_english(editor).get(url).content.decode()
    assert _article(english) == _article(swedish)
    assert "Nämndens internkontroll" in _article(english)
    assert "Download:" in english  # the page around the document is English


def test_the_auditor_reads_the_log_in_english(editor: User, ks_plan: Plan) -> None:
    do_save_activity(ks_plan, None, {"title": "Workshop om trygghet"}, acting_user=editor)
    auditor = User.objects.get(username="revisor")
    client = _in_english(auditor)
    swedish = _swedish_sentences()
    for page in ("/logg/", f"/logg/?plan={ks_plan.pk}", f"/plan/{ks_plan.pk}/historik/"):
        text = text_of(client.get(page))
        assert "Workshop om trygghet" in text, page
        assert sorted(s for s in swedish if s in text) == [], page


def test_the_plan_pages_goal_cards_speak_the_readers_language(reader: User, ks_plan: Plan) -> None:
    swedish = text_of(client_for(reader).get(f"/plan/{ks_plan.pk}/"))
    assert "Målstatus:" in swedish and "Indikatorer för målet" in swedish
    english = text_of(_in_english(reader).get(f"/plan/{ks_plan.pk}/"))
    assert "Goal status:" in english and "Indicators for the goal" in english
    assert "Indicator Result Target Status" in english and "Målstatus" not in english
