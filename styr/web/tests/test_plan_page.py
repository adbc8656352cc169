"""The plan page: goal tree with status, assignments by status, risks on the matrix, documents."""

import re
from decimal import Decimal

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test.utils import CaptureQueriesContext

from styr.assignments.actions import do_report_assignment
from styr.demo.generate import do_generate
from styr.indicators.actions import do_set_indicator_value
from styr.indicators.models import Indicator, ValueKind
from styr.plans.models import Plan
from styr.web.tests.helpers import client_for, text_of

pytestmark = pytest.mark.django_db


def test_it_shows_each_goals_indicators_with_their_status(reader: User, ks_plan: Plan) -> None:
    text = text_of(client_for(reader).get(f"/plan/{ks_plan.pk}/"))
    # Shown for 2023, the latest year with results and targets: forecast 97 against ≥ 96.
    assert "Mål och indikatorer 2023" in text
    assert "Antal nya bostäder i kommunen 97 ≥ 96 Uppnått" in text
    # The sample states ≥ 19,4 where lower is better: judged as written, and flagged (below).
    assert re.search(r"Skolfrånvaro.*?13,3 ≥ 19,4 Ej uppnått", text)


def test_it_shows_check_findings_next_to_the_indicator(reader: User, ks_plan: Plan) -> None:
    text = text_of(client_for(reader).get(f"/plan/{ks_plan.pk}/"))
    assert "frånvaro eller mer, andel % målet för 2023 är ≥ 19,4 men lägre är bättre" in text


def test_it_counts_assignments_by_status_and_places_risks_on_the_matrix(
    reader: User, ks_plan: Plan
) -> None:
    text = text_of(client_for(reader).get(f"/plan/{ks_plan.pk}/"))
    ongoing = ks_plan.assignments.filter(
        follow_ups__occasion__key="plan", follow_ups__status__key="ongoing"
    ).count()
    assert ongoing > 0 and f"Pågående {ongoing}" in text
    # An assignment whose status at the plan occasion is cleared counts as without one.
    assignment = ks_plan.assignments.filter(
        follow_ups__occasion__key="plan", follow_ups__status__key="ongoing"
    ).first()
    assert assignment is not None
    do_report_assignment(assignment, ks_plan.occasions.get(kind="plan"), status=None,
                         grade=None, comment="", acting_user=None)  # fmt: skip
    again = text_of(client_for(reader).get(f"/plan/{ks_plan.pk}/"))
    assert f"Pågående {ongoing - 1}" in again and "Ingen status" in again
    # Three risks are Sannolik × Kännbar (4 × 3 = 12), at the threshold; none is Sannolik × Lindrig.
    assert "Sannolik 0 (8) 3 (12) 1 (16) 1 (20)" in text


def test_it_previews_and_downloads_documents(reader: User, ks_plan: Plan) -> None:
    client = client_for(reader)
    preview = client.get(f"/plan/{ks_plan.pk}/dokument/namndplan/")
    assert '<article class="styr-doc" lang="sv">' in preview.content.decode()
    pdf = client.get(f"/plan/{ks_plan.pk}/dokument/namndplan.pdf")
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF-")
    docx = client.get(f"/plan/{ks_plan.pk}/dokument/arsrapport.docx")
    assert 'filename="ks-arsrapport-2024.docx"' in docx["Content-Disposition"]
    assert client.get(f"/plan/{ks_plan.pk}/dokument/namndplan.exe").status_code == 404


def test_the_outsider_gets_404(outsider: User, ks_plan: Plan) -> None:
    assert client_for(outsider).get(f"/plan/{ks_plan.pk}/").status_code == 404


def _queries(user: User, url: str) -> int:
    client = client_for(user)
    client.get(url)  # warm caches of the session and the content types
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_start_page_rolls_up_goal_statuses(reader: User, ks_plan: Plan) -> None:
    text = text_of(client_for(reader).get("/"))
    # 2023: bostäder met, skolfrånvaro as written not met, personnel turnover met → per rule.
    assert "Målen i de senaste planerna, sammantaget:" in text
    assert re.search(r"Kommunstyrelsen .*? Mål: (\w[\w ]*: \d+ )+", text)


def test_the_start_page_query_count_does_not_grow_with_bodies(ks_plan: Plan) -> None:
    admin = User.objects.get(username="admin")
    small = _queries(admin, "/")
    do_generate(bodies=20, goals=3, indicators=2, years=3, acting_user=None)
    assert _queries(admin, "/") <= small


def test_the_start_page_roll_up_follows_every_change(editor: User, ks_plan: Plan) -> None:
    from styr.scales.models import Scale
    from styr.steering.actions import do_assess_goal

    client = client_for(editor)
    assert "Kommunstyrelse · du är redaktör Mål: Uppfyllt: 1 Ej uppfyllt: 2" in text_of(
        client.get("/")
    )
    goal = ks_plan.goals.get(key="personalomsattningen-ska-minska")
    met = Scale.objects.current("goal-fulfilment").options.get(key="met")
    do_assess_goal(
        goal, ks_plan.occasions.get(key="delar"), fulfilment=met,
        analysis="Omsättningen sjönk under våren.", acting_user=editor,
    )  # fmt: skip
    assert "Kommunstyrelse · du är redaktör Mål: Uppfyllt: 2 Ej uppfyllt: 1" in text_of(
        client.get("/")
    )


def test_the_remembered_goal_tree_follows_every_change(editor: User, ks_plan: Plan) -> None:
    client = client_for(editor)
    assert "Antal nya bostäder i kommunen 97 ≥ 96 Uppnått" in text_of(
        client.get(f"/plan/{ks_plan.pk}/")
    )
    housing = Indicator.objects.get(body=ks_plan.body, key="nya-bostader")
    do_set_indicator_value(
        housing, plan=ks_plan, year=2023, kind=ValueKind.TARGET, value=Decimal(150),
        comparator="≥", acting_user=editor,
    )  # fmt: skip
    page = text_of(client.get(f"/plan/{ks_plan.pk}/"))
    assert "Antal nya bostäder i kommunen 97 ≥ 150 Ej uppnått" in page


def test_each_check_finding_links_to_where_it_is_fixed(reader: User, ks_plan: Plan) -> None:
    import re

    from styr.indicators.models import Indicator

    page = client_for(reader).get(f"/plan/{ks_plan.pk}/").content.decode()
    section = page[page.index('id="kontroll"') :]
    links = re.findall(r'<div class="finding [a-z]+"><a href="([^"]+)">([^<]+)</a>', section)
    assert links, "the demo plan has findings"
    absent = Indicator.objects.get(body=ks_plan.body, name__startswith="Skolfrånvaro")
    assert (f"/plan/{ks_plan.pk}/indikator/{absent.pk}/#ange",) == next(
        (url,) for url, text in links if text.startswith("varning: Skolfrånvaro")
    )
    # Every link leads to a page the reader may open.
    client = client_for(reader)
    assert all(client.get(url.split("#")[0]).status_code == 200 for url, _ in links)
