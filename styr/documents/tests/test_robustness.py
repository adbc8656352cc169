"""Whatever the plan's text and shape, every format comes out, and reads right."""

import re
from io import BytesIO
from itertools import pairwise

import docx
import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from docx.oxml.ns import qn

from styr.documents.models import DocumentTemplate
from styr.documents.produce import document_for
from styr.documents.render import Format, render
from styr.documents.templates import TemplateError, parse
from styr.documents.tests.helpers import pdf_text, rendered
from styr.documents.tree import Heading, Paragraph
from styr.indicators.models import Metric, MetricValue
from styr.organisation.models import Body
from styr.plans.models import Plan

pytestmark = pytest.mark.django_db


def test_a_body_without_the_samples_texts_gets_the_same_titled_chapters(ks_plan: Plan) -> None:
    kfn = Plan.objects.get(body__code="KFN", year=2024)
    headings = [h for h in document_for(kfn, "namndplan").headings() if h.number]
    assert all(h.text.strip() for h in headings)
    ks = [h for h in document_for(ks_plan, "namndplan").headings() if h.number]

    def outline(hs: list[Heading]) -> list[str]:  # chapter 4 has a section per goal
        named = [f"{h.number} {h.text}" for h in hs if not h.number.startswith("4.")]
        return [n.replace("Kultur- och fritidsnämndens", "Kommunstyrelsens") for n in named]

    assert outline(headings) == outline(ks)


def test_sub_headings_never_skip_a_level(ks_plan: Plan) -> None:
    ks_plan.texts.filter(key="agenda_2030").update(
        text="#### Djup rubrik\n\nText.\n\n###### Djupare"
    )
    document = document_for(ks_plan, "namndplan")
    levels = [b.level for b in document.blocks if isinstance(b, Heading)]
    assert all(b - a <= 1 for a, b in pairwise(levels))
    assert "Djup rubrik" in pdf_text(render(document, Format.PDF))


@pytest.mark.parametrize("format", list(Format))
def test_pasted_control_characters_and_emoji_do_not_break_a_format(
    ks_plan: Plan, format: Format
) -> None:
    ks_plan.texts.filter(key="agenda_2030").update(text="Rad ett\x0bRad två klart 😀 \x1f slut")
    content = rendered(ks_plan, "namndplan", format)
    assert content
    document = document_for(ks_plan, "namndplan")
    paragraph = next(
        b for b in document.blocks if isinstance(b, Paragraph) and "Rad ett" in b.lines[0]
    )
    assert paragraph.lines == ("Rad ett", "Rad två klart 😀  slut")


def test_word_chapters_start_on_a_new_page_with_the_running_header(ks_plan: Plan) -> None:
    document = docx.Document(BytesIO(rendered(ks_plan, "namndplan", Format.DOCX)))
    assert len(document.sections) == 1
    chapters = [
        p for p in document.paragraphs if p.style is not None and p.style.name == "Heading 1"
    ]
    assert all(p.paragraph_format.page_break_before for p in chapters[1:])
    unnumbered = [p for p in document.paragraphs if p.style is not None
                  and p.style.name == "Heading 2" and not re.match(r"\d", p.text)]  # fmt: skip
    outline_level = f"{qn('w:pPr')}/{qn('w:outlineLvl')}"
    assert unnumbered and all(p._p.find(outline_level) is not None for p in unnumbered)


def test_a_misspelt_placeholder_is_refused() -> None:
    with pytest.raises(TemplateError, match=r"unknown placeholder \{bodyy\}"):
        parse(
            "key: x\nversion: 1\nname: X\noccasion: plan\ntitle: '{bodyy}'\n"
            "chapters:\n- title: A\n  content: [vision]\n",
            "x.yaml",
        )


def test_metrics_show_the_years_up_to_the_plan(ks_plan: Plan) -> None:
    metric = Metric.objects.get(body=ks_plan.body, key="timtid")
    MetricValue.objects.create(metric=metric, year=2019, kind="outcome", value=1)
    MetricValue.objects.create(metric=metric, year=2026, kind="outcome", value=2)
    tables = [
        b
        for b in document_for(ks_plan, "namndplan").blocks
        if getattr(b, "caption", "") == "Personal - Timtid, mer- och fyllnadstid samt övertid"
    ]
    assert tables[0].header == ("Följetal", "Utfall 2021", "Utfall 2022", "Utfall delår 2023")  # type: ignore[union-attr]


def test_reports_leave_out_the_plans_budget_comments(ks_plan: Plan) -> None:
    text = rendered(ks_plan, "arsrapport", Format.HTML).decode()
    assert "Kommunstyrelsens budgetramar för 2024 och 2025 fastställdes" not in text
    assert (
        "Kommunstyrelsens budgetramar för 2024 och 2025 fastställdes"
        in rendered(ks_plan, "namndplan", Format.HTML).decode()
    )


def test_shipped_templates_are_read_only_in_the_admin(client: Client) -> None:
    client.login(username="admin", password="demo")
    shipped = DocumentTemplate.objects.get(municipality=None, key="namndplan", version=2)
    url = f"/admin/documents/documenttemplate/{shipped.pk}/change/"
    response = client.post(url, {"key": "namndplan", "version": 2, "name": "X", "definition": ""})
    assert response.status_code == 403
    shipped.refresh_from_db()
    assert shipped.name == "Nämndplan"
    outsider = Client()
    outsider.login(username="kfn.redaktor", password="demo")
    assert outsider.get(url).status_code == 302  # not staff: sent to the admin's login


def test_template_version_must_match_its_definition() -> None:
    shipped = DocumentTemplate.objects.get(municipality=None, key="namndplan")
    template = DocumentTemplate(
        municipality=Body.objects.get(code="KS").municipality, key="namndplan", version=3,
        name="X", definition=shipped.definition,
    )  # fmt: skip
    with pytest.raises(ValidationError, match="version is 2, not 3"):
        template.full_clean()
