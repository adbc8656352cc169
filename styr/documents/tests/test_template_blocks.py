"""Template blocks that express a municipality's own reports: a named table with chosen and
relabelled columns, goals grouped under their strategic area with its text, activities grouped
by goal, a cover with fields, and chapter texts with numbered lists and tables."""

import re

import pytest
from django.contrib.auth.models import User

from styr.activities.actions import do_report_activity, do_save_activity
from styr.documents.models import DocumentTemplate
from styr.documents.produce import DocumentError, document_for
from styr.documents.render import Format, render
from styr.documents.sections.goals import goal_link
from styr.documents.templates import TemplateError, parse
from styr.documents.tests.helpers import docx_text, pdf_text
from styr.plans.actions import do_write_report_text, fingerprint
from styr.plans.models import Plan
from styr.scales.models import Scale
from styr.steering.models import StrategicArea

pytestmark = pytest.mark.django_db

TEMPLATE = """\
key: eget
version: 1
name: Egen delårsrapport
occasion: interim
title: "{occasion}"
cover: [organisation, period, status]
chapters:
- title: Mål per område
  content: [{goal_results: {group_by: strategic_area, area_text: true}}]
- title: Aktiviteter
  content: [{activities: {group_by: goal, columns: [title, status, percent]}}]
- title: Ekonomi
  content:
  - budget_table:
      key: drift
      columns: [decided, occasion]
      labels: {outcome: "Bokslut jan–aug", budget: "Årsbudget {year}"}
      caption: Driftredovisning per {occasion}
- title: Händelser
  content: [{plan_text: goals_intro}]
"""


def _document(plan: Plan, definition: str = TEMPLATE) -> bytes:
    DocumentTemplate.objects.create(
        municipality=plan.body.municipality, key="eget", version=1, name="Egen",
        definition=definition,
    )  # fmt: skip
    return render(document_for(plan, "eget", "delar"), Format.HTML)


def _text(html: bytes) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html.decode()).split())


def test_the_cover_shows_the_templates_fields(adopted_plan: Plan) -> None:
    text = _text(_document(adopted_plan))
    assert "Organisation Kommunstyrelsen Period 1 januari–31 augusti 2024 Status Utkast" in text


def test_a_named_table_prints_the_chosen_columns_under_the_reports_words(
    adopted_plan: Plan,
) -> None:
    html = _document(adopted_plan).decode()
    assert "<caption>Driftredovisning per Delårsrapport 2024</caption>" in html
    header = re.search(r"Driftredovisning per.*?</thead>", html, re.S)
    assert header is not None
    cells = re.findall(r"<th(?:\s[^>]*)?>(.*?)</th>", header.group(0))
    assert cells == [
        "Driftbudget - Belopp i miljoner kronor (Mnkr)", "Årsbudget 2024",
        "Bokslut jan–aug", "Prognos helår 2024", "Avvikelse",
    ]  # fmt: skip


def test_goals_stand_under_their_strategic_area_with_its_text(adopted_plan: Plan) -> None:
    area = StrategicArea.objects.get(key="foretagande", municipal_plan__year=2024)
    area.description = "Ett gott företagsklimat bygger vi tillsammans."
    area.save()
    text = _text(_document(adopted_plan))
    at = text.index(area.name)
    assert text.index("Ett gott företagsklimat bygger vi tillsammans.", at) > at


def test_activities_are_grouped_under_their_goal(adopted_plan: Plan, editor: User) -> None:
    goal = adopted_plan.goals.get(key="basta-barnkommun")
    activity = do_save_activity(
        adopted_plan, None, {"title": "Läxhjälp på biblioteken", "goal": goal}, acting_user=None
    )
    done = Scale.objects.current("activity-status").options.get(key="completed")
    do_report_activity(
        activity, adopted_plan.occasions.get(key="delar"), status=done, percent_complete=100,
        comment="", acting_user=editor,
    )  # fmt: skip
    text = _text(_document(adopted_plan))
    heading = goal.title or goal_link(goal)
    assert f"{heading} Aktivitet Status Färdiggrad Läxhjälp på biblioteken" in text
    assert "Läxhjälp på biblioteken Slutförd 100 %" in text


def test_a_text_holds_a_numbered_list_and_a_table_in_every_format(
    adopted_plan: Plan, editor: User
) -> None:
    text = (
        "Prioriteringar:\n\n1. Bostäder\n2. Skola\n\n"
        "| Område | Mnkr |\n| --- | --- |\n| Bostäder | 12,5 |\n| Skola | −3,0 |\n"
    )
    do_write_report_text(
        adopted_plan.occasions.get(key="delar"), "goals_intro", text, title="Nämndens mål",
        based_on=fingerprint(""), acting_user=editor,
    )  # fmt: skip
    html = _document(adopted_plan).decode()
    assert "<ol><li>Bostäder</li><li>Skola</li></ol>" in html
    assert re.search(r">Område</th>.*>Bostäder</th><td[^>]*>12,5</td>", html, re.S)
    document = document_for(adopted_plan, "eget", "delar")
    # The helper reads text runs only; the tab between number and item is its own element.
    assert "\n1.Bostäder\n2.Skola\nOmråde\nMnkr\nBostäder\n12,5" in docx_text(
        render(document, Format.DOCX)
    )
    pdf = pdf_text(render(document, Format.PDF))
    assert re.search(r"1\.\s+Bostäder", pdf) and re.search(r"Skola\s+−3,0", pdf)


def test_a_table_the_plan_lacks_is_named_with_the_templates_line(adopted_plan: Plan) -> None:
    definition = TEMPLATE.replace("key: drift", "key: tertialtabell")
    with pytest.raises(DocumentError, match=r"eget-v1.yaml:\d+: budget_table: planen har ingen "
                       r"budgettabell 'tertialtabell' \(tabeller: drift, "):  # fmt: skip
        _document(adopted_plan, definition)


def test_a_column_the_table_lacks_is_named(adopted_plan: Plan) -> None:
    definition = TEMPLATE.replace("[decided, occasion]", "[decided, utfall-t9]")
    with pytest.raises(DocumentError, match="budgettabellen drift har ingen kolumn 'utfall-t9'"):
        _document(adopted_plan, definition)


def test_an_unknown_grouping_or_cover_field_is_refused_when_read() -> None:
    with pytest.raises(TemplateError, match="group_by: 'kommun' is not one of"):
        parse(TEMPLATE.replace("group_by: strategic_area", "group_by: kommun"), "eget.yaml")
    with pytest.raises(TemplateError, match="”logga” är inte tillåtet; skriv ett av"):
        parse(TEMPLATE.replace("cover: [organisation", "cover: [logga"), "eget.yaml")
