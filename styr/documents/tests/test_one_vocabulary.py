"""One status vocabulary: the same indicator (interim 58, forecast 61, target ≥ 60) reads the
same on the web and in the delårsrapport as PDF, DOCX and HTML; a goal assessed "Delvis
uppfyllt" reads so on the web; a municipality's own words are used everywhere."""

import re
from decimal import Decimal

import pytest
from django.contrib.auth.models import User

from styr.documents.render import Format
from styr.documents.tests.helpers import docx_text, pdf_text, rendered
from styr.indicators.actions import do_set_indicator_value
from styr.indicators.models import Indicator, ValueKind
from styr.plans.models import Plan
from styr.scales.actions import OptionInput, do_copy_scale, do_save_scale
from styr.scales.models import Scale
from styr.steering.actions import do_assess_goal
from styr.web.tests.helpers import client_for, text_of

pytestmark = pytest.mark.django_db

WORDS = "Uppnått|Nära målet|Ej uppnått|Nästan"


def _near(plan: Plan, editor: User) -> Indicator:
    """The issue's case: interim 58, forecast 61, target ≥ 60 (58 is within 5 % of 60)."""
    indicator = Indicator.objects.get(body=plan.body, key="nya-bostader")
    for kind, value in ((ValueKind.INTERIM_OUTCOME, 58), (ValueKind.FORECAST, 61)):
        do_set_indicator_value(indicator, plan=plan, year=2024, kind=kind, value=Decimal(value),
                               acting_user=editor)  # fmt: skip
    do_set_indicator_value(indicator, plan=plan, year=2024, kind=ValueKind.TARGET,
                           value=Decimal(60), comparator="≥", acting_user=editor)  # fmt: skip
    return indicator


def _web_word(plan: Plan, user: User, indicator: Indicator) -> str:
    text = text_of(client_for(user).get(f"/plan/{plan.pk}/uppfoljning/delar/"))
    pattern = re.escape(indicator.name) + r" ?: [^()]*\(mål ≥ 60\) (" + WORDS + ")"
    found = re.search(pattern, text)
    assert found is not None, text[:2000]
    return found.group(1)


def _document_words(plan: Plan, indicator: Indicator) -> set[str]:
    words = set()
    for format, read in ((Format.PDF, pdf_text), (Format.DOCX, docx_text),
                         (Format.HTML, lambda b: text_of_html(b))):  # fmt: skip
        text = " ".join(read(rendered(plan, "delarsrapport", format, "delar")).split())
        found = re.search(re.escape(indicator.name) + r" .*?≥ 60 (" + WORDS + ")", text)
        assert found is not None, (format, text[text.find(indicator.name[:20]) :][:400])
        words.add(found.group(1))
    return words


def text_of_html(content: bytes) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", content.decode("utf-8")).split())


def test_the_web_and_every_document_say_the_same(editor: User, ks_plan: Plan) -> None:
    indicator = _near(ks_plan, editor)
    web = _web_word(ks_plan, editor, indicator)
    assert web == "Nära målet"
    assert _document_words(ks_plan, indicator) == {web}


def test_a_municipalitys_own_words_are_used_everywhere(editor: User, ks_plan: Plan) -> None:
    indicator = _near(ks_plan, editor)
    marks = ks_plan.body.municipality
    own = do_copy_scale("target-result", marks, acting_user=None)
    rows = [
        OptionInput(o.key, "Nästan" if o.key == "near" else o.label, o.label_en, o.colour)
        for o in own.options.all()
    ]
    do_save_scale(own, rows, acting_user=None)
    assert Scale.objects.current("target-result", marks).options.get(key="near").label == "Nästan"
    assert _web_word(ks_plan, editor, indicator) == "Nästan"
    text = " ".join(pdf_text(rendered(ks_plan, "delarsrapport", Format.PDF, "delar")).split())
    assert re.search(re.escape(indicator.name) + r" .*?≥ 60 Nästan", text)


def test_a_goal_assessed_partly_met_reads_so(editor: User, ks_plan: Plan) -> None:
    goal = ks_plan.goals.order_by("position").first()
    assert goal is not None
    partly = Scale.objects.current("goal-fulfilment", ks_plan.body.municipality).options.get(
        key="partly_met"
    )
    do_assess_goal(goal, ks_plan.occasions.get(key="delar"), fulfilment=partly,
                   analysis="Halvvägs.", acting_user=editor)  # fmt: skip
    text = text_of(client_for(editor).get(f"/plan/{ks_plan.pk}/uppfoljning/delar/"))
    assert "Delvis uppfyllt (bedömd)" in text and "Nära målet (bedömd)" not in text
