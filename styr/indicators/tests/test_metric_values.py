"""Metrics (följetal) hold targets (the planned figure) and values in words ("Stängt", "Ej
aktuellt") as well as numbers: in plan files, on the web, in Excel and in documents."""

import re
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from openpyxl.workbook.workbook import Workbook

from styr.documents.render import Format
from styr.documents.tests.helpers import rendered
from styr.excel.actions import do_import_workbook
from styr.excel.tests.helpers import cell_of, edited, exported
from styr.indicators.models import Metric, MetricGroup, MetricValue
from styr.planfiles.actions import do_import_plan_files
from styr.planfiles.tests.helpers import export_files
from styr.plans.models import Plan
from styr.web.tests.helpers import client_for, text_of

pytestmark = pytest.mark.django_db

KEY = "antal-foretagsbesok"  # 2021: 31, 2022: 77, 2023 forecast 60


def _metric(plan: Plan) -> Metric:
    return Metric.objects.get(body=plan.body, key=KEY)


def test_a_plan_file_gives_a_metric_a_target_and_a_word(ks_plan: Plan, tmp_path: Path) -> None:
    files = list(export_files(ks_plan, tmp_path))
    text = files[1].read_text(encoding="utf-8")
    added = "      2023: {forecast: 60}\n      2024: {outcome: Ej aktuellt, target: 65}"
    files[1].write_text(text.replace("      2023: {forecast: 60}", added, 1), encoding="utf-8")
    do_import_plan_files(files, acting_user=None)
    values = {v.kind: v for v in _metric(ks_plan).values.filter(year=2024)}
    assert (values["outcome"].value, values["outcome"].text) == (None, "Ej aktuellt")
    assert values["target"].value == 65
    html = rendered(ks_plan, "namndplan", Format.HTML).decode("utf-8")
    row = re.search(r"Antal företagsbesök</th>(.*?)</tr>", html, re.S)
    assert row is not None and "Ej aktuellt" in row.group(1) and ">65<" in row.group(1)
    (tmp_path / "again").mkdir()
    again = list(export_files(ks_plan, tmp_path / "again"))[1].read_text(encoding="utf-8")
    assert "2024: {outcome: Ej aktuellt, target: 65}" in again


def test_the_editor_enters_a_word_and_a_target_on_the_web(
    editor: User, reader: User, ks_plan: Plan
) -> None:
    metric = _metric(ks_plan)
    group = MetricGroup.objects.get(plan=ks_plan, metrics=metric)
    url = f"/plan/{ks_plan.pk}/foljetal/{group.pk}/"
    posted = {"metric": metric.pk, "year": 2024, "kind": "forecast", "seen": ""}
    client = client_for(editor)
    response = client.post(url, {**posted, "value": "Stängt"}, headers={"HX-Request": "true"})
    assert response.status_code == 200 and 'value="Stängt"' in response.content.decode()
    target = {**posted, "kind": "target", "value": "70"}
    assert client.post(url, target, headers={"HX-Request": "true"}).status_code == 200
    response = client.post(url, {**posted, "value": "cirka 7 st"}, headers={"HX-Request": "true"})
    assert response.status_code == 400
    assert "eller ett värde i ord utan siffror" in text_of(response)
    assert client_for(reader).post(url, {**posted, "value": "Öppet"}).status_code == 403
    stored = {v.kind: v for v in metric.values.filter(year=2024)}
    assert stored["forecast"].text == "Stängt" and stored["target"].value == 70


def test_excel_takes_a_word_in_a_metric_cell(editor: User, ks_plan: Plan) -> None:
    data = exported(ks_plan)
    cell = cell_of(data, "Följetal", KEY, "Prognos 2024")

    def edit(book: Workbook) -> None:
        book["Följetal"][cell] = "Ej aktuellt"

    summary = do_import_workbook(edited(data, edit), plan=ks_plan, acting_user=editor)
    assert summary.total == 1
    value = MetricValue.objects.get(metric=_metric(ks_plan), year=2024, kind="forecast")
    assert (value.value, value.text) == (None, "Ej aktuellt")
    # Exported again, the word is what the cell holds, and no change.
    again = exported(ks_plan)
    from styr.excel.read import read_workbook

    assert read_workbook(again, plan=ks_plan).changes == []
