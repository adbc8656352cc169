"""The risk register in the browser: levels from the plan's matrix, the score derived."""

import re

import pytest
from django.contrib.auth.models import User

from styr.audit.models import AuditEntry
from styr.internal_control.models import Risk
from styr.plans.models import Plan
from styr.web.tests.helpers import client_for, text_of

pytestmark = pytest.mark.django_db


def _form(plan: Plan, **changes: object) -> dict[str, object]:
    category = plan.risk_categories.get(name="IT")
    data: dict[str, object] = {
        "category": category.pk, "main_process": "Backup",
        "description": "Säkerhetskopior kan inte läsas tillbaka.", "probability": 3,
        "consequence": 5, "control_activity": "Återläsningstest varje kvartal.",
        "follow_up_method": "Protokoll från testet.",
    }  # fmt: skip
    return {**data, **changes}


def test_the_editor_adds_a_risk_and_its_score_is_derived(editor: User, ks_plan: Plan) -> None:
    response = client_for(editor).post(
        f"/plan/{ks_plan.pk}/risker/ny/", _form(ks_plan), follow=True
    )
    risk = Risk.objects.for_plan(ks_plan).get(main_process="Backup")
    # The register's row: the risk, its category, probability, consequence and derived score.
    assert "Säkerhetskopior kan inte läsas tillbaka. Ändra risken IT 3 5 15" in text_of(response)
    assert (risk.score, risk.stated_score, risk.category.name) == (15, None, "IT")
    assert AuditEntry.objects.filter(action="risk_created", actor=editor).exists()


def test_a_level_outside_the_matrix_is_refused(editor: User, ks_plan: Plan) -> None:
    response = client_for(editor).post(
        f"/plan/{ks_plan.pk}/risker/ny/", _form(ks_plan, probability=9)
    )
    assert response.status_code == 400
    assert "Välj ett giltigt alternativ" in text_of(response)
    assert not Risk.objects.for_plan(ks_plan).filter(main_process="Backup").exists()


def test_a_category_of_another_plan_is_refused(editor: User, ks_plan: Plan) -> None:
    other = Plan.objects.get(body__code="KFN", year=2024)
    foreign = other.risk_categories.create(name="Främmande", position=9)
    response = client_for(editor).post(
        f"/plan/{ks_plan.pk}/risker/ny/", _form(ks_plan, category=foreign.pk)
    )
    assert response.status_code == 400
    assert not foreign.risks.exists()


def test_readers_and_outsiders_cannot_change_risks(
    reader: User, outsider: User, ks_plan: Plan
) -> None:
    risk = Risk.objects.for_plan(ks_plan).get(key="bisyssla")
    url = f"/plan/{ks_plan.pk}/risker/{risk.pk}/"
    assert client_for(reader).post(url, _form(ks_plan)).status_code == 403
    assert client_for(outsider).post(url, _form(ks_plan)).status_code == 404
    assert client_for(outsider).get(f"/plan/{ks_plan.pk}/risker/").status_code == 404
    risk.refresh_from_db()
    assert risk.main_process == "Bisyssla"


def _rows(page: str) -> list[int]:
    return [int(pk) for pk in re.findall(r'<tr id="r-(\d+)">', page)]


def test_a_cell_of_the_matrix_lists_its_risks(reader: User, ks_plan: Plan) -> None:
    page = client_for(reader).get(f"/plan/{ks_plan.pk}/risker/").content.decode()
    link = r'href="(/plan/\d+/risker/\?sannolikhet=(\d)&amp;vasentlighet=(\d)#riskerna)"'
    cell = re.search(link, page)
    assert cell is not None, "the matrix links its cells"
    url = cell.group(1).replace("&amp;", "&")
    probability, consequence = int(cell.group(2)), int(cell.group(3))

    response = client_for(reader).get(url)

    everything = Risk.objects.for_plan(ks_plan)
    expected = everything.filter(probability=probability, consequence=consequence)
    shown = _rows(response.content.decode())
    assert shown and sorted(shown) == sorted(r.pk for r in expected)
    assert f"{len(shown)} av {everything.count()} risker" in text_of(response)


def test_the_register_narrows_to_high_scores_and_by_words(reader: User, ks_plan: Plan) -> None:
    threshold = ks_plan.risk_matrix.plan_threshold  # type: ignore[union-attr]
    page = client_for(reader).get(f"/plan/{ks_plan.pk}/risker/", {"over": "ja"}).content.decode()
    shown = _rows(page)
    assert shown and all(Risk.objects.get(pk=pk).score >= threshold for pk in shown)
    nothing = client_for(reader).get(f"/plan/{ks_plan.pk}/risker/", {"q": "zzzfinnsinte"})
    assert "Inga risker matchar urvalet." in text_of(nothing)


def test_an_outsider_gets_no_register(outsider: User, ks_plan: Plan) -> None:
    response = client_for(outsider).get(f"/plan/{ks_plan.pk}/risker/", {"over": "ja"})
    assert response.status_code == 404
