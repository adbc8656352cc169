"""The start page's goal counts are current the moment a change is saved, whichever way it
came in: the indicator page, a goal's assessment, Excel, a plan file, Kolada, the admin, a
copied plan. (They are stored per plan and counted again by the change: styr.indicators.rollup.)

The Kommunstyrelsen plan of 2024 is judged in 2023: one goal met (bostäder, företagare), two
not met (barnkommun, personalomsättning), under the "worst indicator decides" rule."""

import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.test import Client

from styr.excel.actions import do_import_workbook
from styr.excel.tests.helpers import cell_of, edited, exported
from styr.indicators.actions import do_change_indicator, do_set_indicator_value
from styr.indicators.kolada import do_take_kolada_outcomes
from styr.indicators.models import Indicator, IndicatorValue, PlanRollup, ValueKind, ValueSource
from styr.indicators.rollup import keep_current
from styr.planfiles.actions import do_import_plan_files
from styr.planfiles.tests.helpers import export_files
from styr.plans.copying import do_copy_plan_to_next_year
from styr.plans.models import Plan
from styr.scales.models import Scale
from styr.steering.actions import do_assess_goal, do_save_goal
from styr.web.tests.helpers import client_for, text_of

pytestmark = pytest.mark.django_db

AS_LOADED = "Mål: Uppfyllt: 1 Ej uppfyllt: 2"
ALL_NOT_MET = "Mål: Ej uppfyllt: 3"


def _ks_goals(client: Client) -> str:
    """What the start page says of Kommunstyrelsen's newest plan's goals."""
    text = text_of(client.get("/"))
    found = re.search(r"Kommunstyrelse .*?(Mål: (?:[\w ]+: \d+ ?)+)", text)
    assert found, text
    return found.group(1).strip()


def _housing(plan: Plan) -> Indicator:
    return Indicator.objects.get(body=plan.body, key="nya-bostader")


def test_it_counts_a_value_saved_on_the_indicator_page(editor: User, ks_plan: Plan) -> None:
    client = client_for(editor)
    assert _ks_goals(client) == AS_LOADED
    response = client.post(
        f"/plan/{ks_plan.pk}/indikator/{_housing(ks_plan).pk}/",
        {"year": "2023", "kind": "target", "value": "150", "comparator": "≥"},
    )
    assert response.status_code in (200, 302)
    # 97 new homes against a target of 150: the business goal is no longer met.
    assert _ks_goals(client) == ALL_NOT_MET
    assert "Antal nya bostäder i kommunen 97 ≥ 150 Ej uppnått" in text_of(
        client.get(f"/plan/{ks_plan.pk}/")
    )


def test_it_counts_a_value_cleared_through_the_action(editor: User, ks_plan: Plan) -> None:
    client = client_for(editor)
    assert _ks_goals(client) == AS_LOADED  # seen before the change
    do_set_indicator_value(
        _housing(ks_plan), plan=ks_plan, year=2023, kind=ValueKind.TARGET, value=Decimal(150),
        comparator="≥", acting_user=editor,
    )  # fmt: skip
    assert _ks_goals(client) == ALL_NOT_MET
    do_set_indicator_value(
        _housing(ks_plan), plan=ks_plan, year=2023, kind=ValueKind.TARGET, value=Decimal(96),
        comparator="≥", acting_user=editor,
    )  # fmt: skip
    assert _ks_goals(client) == AS_LOADED


def test_it_counts_a_goal_assessed_by_hand(editor: User, ks_plan: Plan) -> None:
    client = client_for(editor)
    assert _ks_goals(client) == AS_LOADED  # seen before the change
    goal = ks_plan.goals.get(key="personalomsattningen-ska-minska")
    met = Scale.objects.current("goal-fulfilment").options.get(key="met")
    do_assess_goal(
        goal, ks_plan.occasions.get(key="delar"), fulfilment=met,
        analysis="Omsättningen sjönk under våren.", acting_user=editor,
    )  # fmt: skip
    assert _ks_goals(client) == "Mål: Uppfyllt: 2 Ej uppfyllt: 1"


def test_it_counts_a_new_goal(editor: User, ks_plan: Plan) -> None:
    client = client_for(editor)
    assert _ks_goals(client) == AS_LOADED  # seen before the change
    do_save_goal(ks_plan, None, {"title": "Fler gröna tak", "description": ""}, acting_user=editor)
    assert _ks_goals(client) == "Mål: Uppfyllt: 1 Ej uppfyllt: 2 Uppgift saknas: 1"


def test_it_counts_an_indicator_that_changes_direction(editor: User, ks_plan: Plan) -> None:
    client = client_for(editor)
    assert _ks_goals(client) == AS_LOADED  # seen before the change
    # Staff turnover 12 and 10.7 against 10, lower is better: not met; read the other way, met.
    for key in ("personalomsattning", "personalomsattning-marks-kommun"):
        indicator = Indicator.objects.get(body=ks_plan.body, key=key)
        do_change_indicator(
            indicator, {"polarity": "higher_is_better"}, plan=ks_plan, acting_user=editor
        )
    assert _ks_goals(client) == "Mål: Uppfyllt: 2 Ej uppfyllt: 1"


def test_it_counts_an_imported_workbook(editor: User, ks_plan: Plan) -> None:
    client = client_for(editor)
    assert _ks_goals(client) == AS_LOADED  # seen before the change
    data = exported(ks_plan)
    cell = cell_of(data, "Indikatorer", "nya-bostader", "Mål 2023")

    def edit(book: object) -> None:
        book["Indikatorer"][cell] = 150  # type: ignore[index]

    do_import_workbook(edited(data, edit), plan=ks_plan, acting_user=editor)
    assert _ks_goals(client) == ALL_NOT_MET


def test_it_counts_an_imported_plan_file(editor: User, ks_plan: Plan, tmp_path: Path) -> None:
    client = client_for(editor)
    assert _ks_goals(client) == AS_LOADED  # seen before the change
    files = export_files(ks_plan, tmp_path)
    text = files[1].read_text(encoding="utf-8")
    # The housing indicator's 2023 target, as the file writes it.
    at = text.index("key: nya-bostader")
    target = re.compile(r"2023: \{[^}]*target: ≥ 96[^}]*\}")
    found = target.search(text, at)
    assert found, text[at : at + 600]
    changed = found.group(0).replace("target: ≥ 96", "target: ≥ 150")
    files[1].write_text(text[: found.start()] + changed + text[found.end() :], encoding="utf-8")
    do_import_plan_files(list(files), acting_user=None)
    assert _ks_goals(client) == ALL_NOT_MET


def test_it_counts_outcomes_taken_from_kolada(editor: User, ks_plan: Plan) -> None:
    client = client_for(editor)
    assert _ks_goals(client) == AS_LOADED  # seen before the change
    service = Indicator.objects.get(body=ks_plan.body, key="foretagarnas-syn-service")
    outcome = service.values.get(year=2022, kind=ValueKind.OUTCOME)
    assert outcome.source == ValueSource.KOLADA
    # The 2023 target made relative: at least 2022's outcome (Kolada's 70); the forecast is 71.
    do_set_indicator_value(
        service, plan=ks_plan, year=2023, kind=ValueKind.TARGET, value=Decimal(0),
        comparator="≥", reference_year=2022, acting_user=editor,
    )  # fmt: skip
    assert _ks_goals(client) == AS_LOADED
    # Kolada's number as if an earlier import had brought 80 (counted, as any change is).
    IndicatorValue.objects.filter(pk=outcome.pk).update(value=Decimal(80))
    keep_current([ks_plan.pk])
    assert _ks_goals(client) == ALL_NOT_MET
    do_take_kolada_outcomes(ks_plan.body, acting_user=editor, measures=[service])
    assert service.values.get(year=2022, kind=ValueKind.OUTCOME).value == Decimal(70)
    assert _ks_goals(client) == AS_LOADED


def test_it_counts_a_tolerance_changed_in_the_admin(ks_plan: Plan) -> None:
    admin = User.objects.get(username="admin")
    client = client_for(admin)
    assert _ks_goals(client) == AS_LOADED  # seen before the change
    municipality = ks_plan.body.municipality
    url = f"/admin/organisation/municipality/{municipality.pk}/change/"
    form = client.get(url).context["adminform"].form
    data = {name: form.initial[name] for name in form.fields if form.initial.get(name) is not None}
    # Within half of the target counts as nearly met: both goals not met are now near.
    data["target_tolerance"] = "50"
    assert client.post(url, data).status_code == 302
    assert _ks_goals(client) == "Mål: Uppfyllt: 1 Delvis uppfyllt: 2"


def test_it_counts_a_copied_plan_at_once(editor: User, ks_plan: Plan) -> None:
    client = client_for(editor)
    assert _ks_goals(client) == AS_LOADED  # seen before the change
    copy = do_copy_plan_to_next_year(ks_plan, acting_user=editor)
    # Counted by the copy itself, not on the first view of the start page.
    assert PlanRollup.objects.filter(plan=copy).exists()
    # Next year's draft is the newest plan; its goals read the same values.
    assert _ks_goals(client) == AS_LOADED
