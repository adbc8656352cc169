"""A target relative to an earlier year ("ökning jämfört med 2022") is written in words in plan
files, Excel and on the web, assessed against that year's outcome, and printed in words; one
whose reference year has no outcome is refused where it is written."""

import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from openpyxl.workbook.workbook import Workbook

from styr.documents.render import Format
from styr.documents.tests.helpers import rendered
from styr.excel.read import read_workbook
from styr.excel.tests.helpers import cell_of, edited, exported
from styr.indicators.assessment import Status, assess_indicator
from styr.indicators.models import Indicator, IndicatorValue
from styr.planfiles.actions import do_import_plan_files
from styr.planfiles.nodes import PlanFileError
from styr.planfiles.tests.helpers import export_files
from styr.plans.models import Plan
from styr.web.tests.helpers import client_for, text_of

pytestmark = pytest.mark.django_db

KEY = "nya-bostader"  # outcomes 2021: 124, 2022: 158; forecast 2023: 97


def _indicator(plan: Plan) -> Indicator:
    return Indicator.objects.get(body=plan.body, key=KEY)


def _import_target(plan: Plan, tmp_path: Path, target: str) -> list[Path]:
    files = list(export_files(plan, tmp_path))
    text = files[1].read_text(encoding="utf-8")
    files[1].write_text(text.replace("2023: {forecast: 97, target: ≥ 96}",
                                     f"2023: {{forecast: 97, target: {target}}}", 1),
                        encoding="utf-8")  # fmt: skip
    return files


def test_a_relative_target_is_read_assessed_and_written_back(ks_plan: Plan, tmp_path: Path) -> None:
    do_import_plan_files(_import_target(ks_plan, tmp_path, "minskning jämfört med 2022"),
                         acting_user=None)  # fmt: skip
    indicator = _indicator(ks_plan)
    target = IndicatorValue.objects.get(indicator=indicator, year=2023, kind="target")
    assert (target.comparator, target.value, target.reference_year) == ("<", Decimal(0), 2022)
    values = list(indicator.values.all())
    # The 2023 forecast 97 is below 2022's 158: a decrease, as the target asks.
    assert assess_indicator(indicator, values, 2023, Decimal(5)).status == Status.MET
    # Asked for an increase instead, the same forecast misses it.
    target.comparator = ">"
    others = [v for v in values if v.pk != target.pk]
    assert assess_indicator(indicator, [*others, target], 2023, Decimal(5)).status == (
        Status.NOT_MET
    )
    (tmp_path / "again").mkdir()
    again = list(export_files(ks_plan, tmp_path / "again"))
    assert "target: minskning jämfört med 2022" in again[1].read_text(encoding="utf-8")


def test_an_increase_not_reached_is_not_met(ks_plan: Plan, tmp_path: Path) -> None:
    do_import_plan_files(
        _import_target(ks_plan, tmp_path, "ökning med minst 10 jämfört med 2022"), acting_user=None
    )
    indicator = _indicator(ks_plan)
    status = assess_indicator(indicator, list(indicator.values.all()), 2023, Decimal(5))
    assert status.status == Status.NOT_MET  # 97 against 158 + 10


def test_the_document_prints_the_target_in_words(ks_plan: Plan, tmp_path: Path) -> None:
    do_import_plan_files(_import_target(ks_plan, tmp_path, "ökning jämfört med 2021"),
                         acting_user=None)  # fmt: skip
    html = rendered(ks_plan, "namndplan", Format.HTML).decode("utf-8")
    assert "Ökning jämfört med 2021" in html


def test_a_relative_target_without_the_reference_outcome_is_refused(
    ks_plan: Plan, tmp_path: Path
) -> None:
    files = _import_target(ks_plan, tmp_path, "ökning jämfört med 2019")
    with pytest.raises(
        PlanFileError, match=r"är relativt 2019, men 2019 har inget utfall"
    ) as caught:
        do_import_plan_files(files, acting_user=None)
    assert caught.value.file == "ks-2024.yaml" and caught.value.line
    target = IndicatorValue.objects.get(indicator=_indicator(ks_plan), year=2023, kind="target")
    assert target.reference_year is None


def test_the_editor_writes_a_relative_target_on_the_web(
    editor: User, reporter: User, ks_plan: Plan
) -> None:
    indicator = _indicator(ks_plan)
    url = f"/plan/{ks_plan.pk}/indikator/{indicator.pk}/"
    post = {"year": "2024", "kind": "target", "value": "ökning jämfört med 2022"}
    response = client_for(editor).post(url, post, headers={"HX-Request": "true"})
    assert response.status_code == 200, text_of(response)
    assert "Ökning jämfört med 2022" in text_of(client_for(editor).get(url))
    refused = client_for(editor).post(url, {**post, "value": "ökning jämfört med 2018"})
    assert refused.status_code == 400 and "2018 har inget utfall" in text_of(refused)
    # A reporter enters outcomes, not targets.
    response = client_for(reporter).post(url, {**post, "value": "minst som 2021"})
    assert response.status_code in (400, 403)
    target = IndicatorValue.objects.get(indicator=indicator, year=2024, kind="target")
    assert (target.comparator, target.reference_year) == (">", 2022)


def test_excel_keeps_a_relative_target_and_takes_a_new_one(ks_plan: Plan, tmp_path: Path) -> None:
    do_import_plan_files(_import_target(ks_plan, tmp_path, "ökning jämfört med 2022"),
                         acting_user=None)  # fmt: skip
    data = exported(ks_plan)
    assert read_workbook(data, plan=ks_plan).changes == []
    cell = cell_of(data, "Indikatorer", KEY, "Mål 2023")

    def edit(book: Workbook) -> None:
        book["Indikatorer"][cell] = "minst som 2021"

    [change] = read_workbook(edited(data, edit), plan=ks_plan).changes
    assert (change.old, change.new) == ("ökning jämfört med 2022", "minst som 2021")


def test_a_large_change_reads_back_from_its_own_words(ks_plan: Plan, tmp_path: Path) -> None:
    do_import_plan_files(
        _import_target(ks_plan, tmp_path, "minskning med minst 1 500 jämfört med 2022"),
        acting_user=None,
    )
    (tmp_path / "again").mkdir()
    again = list(export_files(ks_plan, tmp_path / "again"))
    assert "target: minskning med minst 1500 jämfört med 2022" in again[1].read_text("utf-8")
    assert do_import_plan_files(again, acting_user=None).tally.updated == {}
    assert read_workbook(exported(ks_plan), plan=ks_plan).changes == []


def test_an_emptied_relative_target_cell_clears_it(ks_plan: Plan, tmp_path: Path) -> None:
    do_import_plan_files(_import_target(ks_plan, tmp_path, "ökning jämfört med 2022"),
                         acting_user=None)  # fmt: skip
    data = exported(ks_plan)
    cell = cell_of(data, "Indikatorer", KEY, "Mål 2023")

    def edit(book: Workbook) -> None:
        book["Indikatorer"][cell] = None

    [change] = read_workbook(edited(data, edit), plan=ks_plan).changes
    assert (change.old, change.new) == ("ökning jämfört med 2022", "(tomt)")


def test_the_plan_page_judges_a_target_relative_to_an_older_year(
    reader: User, ks_plan: Plan, tmp_path: Path
) -> None:
    # 2021 lies before the years the plan page reads; its outcome (124) is read all the same.
    do_import_plan_files(_import_target(ks_plan, tmp_path, "minskning jämfört med 2021"),
                         acting_user=None)  # fmt: skip
    page = text_of(client_for(reader).get(f"/plan/{ks_plan.pk}/?ar=2023"))
    row = re.search(r"Antal nya bostäder i kommunen (.*?)(?=Antal|$)", page)
    assert row is not None and "Minskning jämfört med 2021 Uppnått" in row.group(1)
