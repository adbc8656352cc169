"""Each block type builds the tables a reader expects from the plan's data."""

import pytest

from styr.documents.produce import document_for
from styr.documents.tree import Cell, Table, Tone
from styr.plans.models import Plan

pytestmark = pytest.mark.django_db


def _tables(plan: Plan) -> dict[str, Table]:
    document = document_for(plan, "namndplan")
    return {b.caption: b for b in document.blocks if isinstance(b, Table)}


def _row(table: Table, first: str) -> tuple[Cell, ...]:
    return next(r for r in table.rows if r[0].text.startswith(first))


def test_an_indicator_without_values_has_empty_cells_not_zeros(ks_plan: Plan) -> None:
    table = next(t for c, t in _tables(ks_plan).items() if "Bästa barnkommun" in c or "barn" in c)
    row = _row(table, "Andel som deltar i det kommunala fritidsutbudet")
    assert [c.text for c in row[1:]] == ["", "", "", "", "", ""]


def test_the_digitalisation_plan_shows_the_stated_total_or_else_the_sum(ks_plan: Plan) -> None:
    investments = _tables(ks_plan)["Digitaliseringsplan - investeringar"]
    assert _row(investments, "Summa")[1].text == "17 000 0000"  # as the plan states it
    ks_plan.digitalisation_totals.filter(kind="investment").delete()
    investments = _tables(ks_plan)["Digitaliseringsplan - investeringar"]
    assert _row(investments, "Summa")[1].text == "17 000 000"
    assert _row(investments, "Nytt Datacenter")[1:3] == (Cell("4 000 000"), Cell("2024-2027"))


def test_budget_assignments_show_period_and_extra_cost(ks_plan: Plan) -> None:
    table = _tables(ks_plan)["Uppdrag i Budget 2024-2027"]
    assert table.header == ("Uppdrag", "Genomförandeperiod", "Ev. extra kostnad utöver budget")
    row = _row(table, "Kommunen ska jobba med en cykelstrategi")
    assert (row[1].text, row[2].text) == ("2024-2025", "0,5 mnkr")


def test_risks_show_level_labels_and_their_score(ks_plan: Plan) -> None:
    table = _tables(ks_plan)["Internkontrollplan: IT"]
    row = _row(table, "Upprätthålla drift")
    assert [c.text for c in row[2:5]] == ["Sannolik", "Mycket allvarlig", "20"]


def test_the_risk_matrix_marks_scores_at_the_threshold(ks_plan: Plan) -> None:
    table = next(t for c, t in _tables(ks_plan).items() if c.startswith("Riskmatris"))
    assert len(table.rows) == 4 and len(table.header) == 5
    marks = {c.mark.label: c.mark.tone for r in table.rows for c in r[1:] if c.mark}
    assert marks["12"] == Tone.BAD and marks["9"] == Tone.NEUTRAL


def test_metric_groups_get_the_columns_their_values_have(ks_plan: Plan) -> None:
    tables = _tables(ks_plan)
    assert tables["Personal - Sjukfrånvaro"].header == (
        "Följetal", "Utfall 2021", "Utfall 2022", "Utfall delår 2023",
    )  # fmt: skip
    assert _row(tables["Personal - Timtid, mer- och fyllnadstid samt övertid"], "Timtid")[1:] == (
        Cell("1 747"), Cell("1 005"), Cell("1 090"),
    )  # fmt: skip


def test_the_operating_budget_prints_its_decimals_and_bold_sums(ks_plan: Plan) -> None:
    table = next(t for c, t in _tables(ks_plan).items() if c.startswith("Driftbudget - Belopp"))
    row = _row(table, "Personalkostnader")
    assert [c.text for c in row[1:]] == ["\u221283,0", "\u221279,6", "\u221294,3", "\u221295,0"]
    net = table.rows.index(_row(table, "Nettokostnader"))
    assert net in table.sum_rows
