"""A report's chapter texts are its own: the delårsrapport says what happened by August
without changing the plan's text or the årsrapport's, on the web and in plan files; once the
report is adopted its texts are part of the decision."""

from datetime import date
from pathlib import Path

import pytest
from django.contrib.auth.models import User

from styr.audit.models import AuditEntry
from styr.documents.render import Format
from styr.documents.tests.helpers import pdf_text, rendered
from styr.planfiles.actions import do_import_plan_files
from styr.planfiles.nodes import PlanFileError
from styr.planfiles.tests.helpers import export_files
from styr.plans.actions import do_change_occasion_state, fingerprint
from styr.plans.copying import do_copy_plan_to_next_year
from styr.plans.models import Plan, PlanText
from styr.web.tests.helpers import client_for, text_of

pytestmark = pytest.mark.django_db

INTERIM_TEXT = "Fram till augusti har tre av fyra mål utvecklats enligt plan."
PLAN_TEXT = "Nämnderna ska sätta mål för den verksamhet de ansvarar för"


def _url(plan: Plan, key: str = "") -> str:
    base = f"/plan/{plan.pk}/uppfoljning/delar/texter/"
    return f"{base}{key}/" if key else base


def _write(user: User, plan: Plan, text: str, based_on: str = "") -> int:
    response = client_for(user).post(
        _url(plan, "goals_intro"), {"text": text, "based_on": based_on or fingerprint("")}
    )
    return response.status_code


def test_the_interim_report_prints_its_own_text_and_the_others_the_plans(
    adopted_plan: Plan, editor: User
) -> None:
    assert _write(editor, adopted_plan, INTERIM_TEXT) == 302
    interim = pdf_text(rendered(adopted_plan, "delarsrapport", Format.PDF, "delar"))
    annual = pdf_text(rendered(adopted_plan, "arsrapport", Format.PDF, "arsrapport"))
    assert "tre av fyra mål" in interim and PLAN_TEXT not in interim
    assert PLAN_TEXT in annual and "tre av fyra mål" not in annual
    # The plan's own text is untouched.
    assert PLAN_TEXT in adopted_plan.texts.of_plan().get(key="goals_intro").text
    entry = AuditEntry.objects.filter(action="report_text_changed").latest("pk")
    assert entry.changes["occasion"] == "delar"


def test_the_page_offers_the_reports_texts_to_the_editor_only(
    adopted_plan: Plan, editor: User, reader: User, outsider: User
) -> None:
    page = text_of(client_for(editor).get(_url(adopted_plan)))
    assert "Nämndens mål Ingen egen text än; rapporten skriver ut planens text" in page
    assert "Spara texten" in page
    read = text_of(client_for(reader).get(_url(adopted_plan)))
    assert "Du kan läsa texterna men inte ändra dem." in read and "Spara texten" not in read
    assert _write(reader, adopted_plan, "Politikerns text.") == 403
    assert client_for(outsider).get(_url(adopted_plan)).status_code == 404
    assert _write(outsider, adopted_plan, "Utomståendes text.") == 404
    assert not PlanText.objects.filter(occasion__key="delar").exists()


def test_a_stale_save_keeps_both_texts(adopted_plan: Plan, editor: User) -> None:
    assert _write(editor, adopted_plan, INTERIM_TEXT) == 302
    response = client_for(editor).post(
        _url(adopted_plan, "goals_intro"), {"text": "Min version.", "based_on": fingerprint("")}
    )
    assert response.status_code == 409
    page = text_of(response)
    assert "någon annan har sparat texten medan du skrev" in page
    assert INTERIM_TEXT in page and "Min version." in page
    assert PlanText.objects.get(occasion__key="delar", key="goals_intro").text == INTERIM_TEXT


def test_an_adopted_report_refuses_its_texts(adopted_plan: Plan, editor: User) -> None:
    do_change_occasion_state(
        adopted_plan.occasions.get(key="delar"), "adopt", acting_user=editor,
        adopted_on=date(2024, 9, 20), adopted_minute="§ 88",
    )  # fmt: skip
    assert _write(editor, adopted_plan, INTERIM_TEXT) == 403
    page = text_of(client_for(editor).get(_url(adopted_plan)))
    assert "texterna är en del av beslutet" in page and "Spara texten" not in page


def test_plan_files_carry_each_reports_texts_apart(adopted_plan: Plan, tmp_path: Path) -> None:
    files = list(export_files(adopted_plan, tmp_path))
    text = files[1].read_text(encoding="utf-8")
    reports = (
        "- key: goals_intro\n  occasion: delar\n  title: Nämndens mål\n  text: Per augusti.\n"
        "- key: goals_intro\n  occasion: arsrapport\n  title: Nämndens mål\n  text: Helåret.\n"
    )
    files[1].write_text(text.replace("goals:\n", reports + "goals:\n", 1), encoding="utf-8")
    do_import_plan_files(files, acting_user=None)
    own = PlanText.objects.filter(key="goals_intro").exclude(occasion=None)
    texts = dict(own.values_list("occasion__key", "text"))
    assert texts == {"delar": "Per augusti.", "arsrapport": "Helåret."}
    # Exported again, each text names its report and reads back the same.
    (tmp_path / "again").mkdir()
    again = list(export_files(adopted_plan, tmp_path / "again"))
    assert "occasion: delar" in again[1].read_text(encoding="utf-8")
    tally = do_import_plan_files(again, acting_user=None).tally
    assert tally.created == tally.updated == tally.deleted == {}


def test_a_text_for_an_unknown_report_is_refused_with_its_line(
    adopted_plan: Plan, tmp_path: Path
) -> None:
    files = list(export_files(adopted_plan, tmp_path))
    text = files[1].read_text(encoding="utf-8")
    files[1].write_text(
        text.replace("goals:\n", "- key: x\n  occasion: tertial1\n  text: T1.\ngoals:\n", 1),
        encoding="utf-8",
    )
    with pytest.raises(
        PlanFileError,
        match=r"planen har inget rapporttillfälle ”tertial1” \(rapporterna: delar, arsrapport\)",
    ):
        do_import_plan_files(files, acting_user=None)


def test_next_years_plan_starts_without_this_years_report_texts(
    adopted_plan: Plan, editor: User
) -> None:
    assert _write(editor, adopted_plan, INTERIM_TEXT) == 302
    new = do_copy_plan_to_next_year(adopted_plan, acting_user=editor)
    assert not new.texts.exclude(occasion=None).exists()
    assert new.texts.of_plan().filter(key="goals_intro").exists()


def test_an_emptied_text_prints_the_plans_again(adopted_plan: Plan, editor: User) -> None:
    assert _write(editor, adopted_plan, INTERIM_TEXT) == 302
    assert _write(editor, adopted_plan, "  ", based_on=fingerprint(INTERIM_TEXT)) == 302
    assert not PlanText.objects.filter(occasion__key="delar").exists()
    interim = pdf_text(rendered(adopted_plan, "delarsrapport", Format.PDF, "delar"))
    assert PLAN_TEXT in interim
