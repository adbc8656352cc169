"""The public edition of a decided document: frozen with the decision beside the document itself,
without internal analyses and comments, what the municipality marks not public, and internal
control."""

from datetime import date
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from styr.assignments.models import Assignment, AssignmentFollowUp
from styr.documents import frozen
from styr.documents.actions import version_file
from styr.documents.models import DocumentFile, DocumentVersion
from styr.documents.render import Format
from styr.documents.tests.helpers import pdf_text
from styr.documents.tree import Document, Heading, Paragraph, Table
from styr.indicators.models import Indicator
from styr.internal_control.models import Risk
from styr.plans.actions import do_change_occasion_state, do_change_plan_state
from styr.plans.models import Plan
from styr.scales.models import ScaleOption
from styr.steering.models import GoalFollowUp

pytestmark = pytest.mark.django_db


def _text(document: Document) -> str:
    parts: list[str] = [value for _, value in document.cover]
    for block in document.blocks:
        if isinstance(block, Heading):
            parts.append(block.text)
        elif isinstance(block, Paragraph):
            parts.extend(block.lines)
        elif isinstance(block, Table):
            parts.extend(block.header)
            for row in block.rows:
                parts.extend(c.mark.label if c.mark else c.text for c in row)
        elif hasattr(block, "items"):
            parts.extend(block.items)
    return "\n".join(parts)


def _editions(version: DocumentVersion) -> tuple[str, str]:
    assert version.public_tree is not None
    return _text(frozen.load(version.tree)), _text(frozen.load(version.public_tree))


@pytest.fixture
def marked(ks_plan: Plan) -> tuple[Plan, Assignment, Indicator]:
    """The draft with an assignment and an indicator marked not public, then adopted."""
    hidden = Assignment.objects.filter(plan=ks_plan).order_by("position")[0]
    Assignment.objects.filter(pk=hidden.pk).update(public=False)
    goal = ks_plan.goals.filter(indicators__isnull=False).order_by("position")[0]
    indicator = goal.indicators.order_by("goalindicator__position")[0]
    Indicator.objects.filter(pk=indicator.pk).update(public=False)
    plan = do_change_plan_state(
        ks_plan, "adopt", acting_user=None, adopted_on=date(2023, 11, 30), adopted_minute="§ 201"
    )
    return plan, hidden, indicator


def test_it_freezes_the_plans_public_edition_without_what_is_not_public(
    marked: tuple[Plan, Assignment, Indicator],
) -> None:
    plan, hidden, indicator = marked
    version = DocumentVersion.objects.get(occasion__plan=plan, template_key="namndplan")
    full, public = _editions(version)
    risk = Risk.objects.filter(category__plan=plan).order_by("pk")[0]
    # The decided document is as the body decided it ...
    assert hidden.text[:60] in full and indicator.name in full
    assert "Internkontrollplan" in full and risk.description[:40] in full
    # ... and the public edition has the rest of it, and says what it is.
    assert hidden.text[:60] not in public and indicator.name not in public
    assert "Internkontrollplan" not in public and risk.description[:40] not in public
    assert "Riskanalys" not in public
    assert "Offentlig: utan interna analyser" in public
    kept = Assignment.objects.filter(plan=plan, public=True).order_by("position")[0]
    assert kept.text[:60] in public
    assert all(g.title in public for g in plan.goals.exclude(title=""))


def test_its_chapters_are_numbered_without_gaps(marked: tuple[Plan, Assignment, Indicator]) -> None:
    version = DocumentVersion.objects.get(occasion__plan=marked[0], template_key="namndplan")
    assert version.public_tree is not None
    public = frozen.load(version.public_tree)
    chapters = [int(h.number) for h in public.headings(1) if h.number]
    assert chapters == list(range(1, len(chapters) + 1))
    full = frozen.load(version.tree)
    assert len(chapters) == len([h for h in full.headings(1) if h.number]) - 1


def _option(scale: str, key: str) -> ScaleOption:
    return ScaleOption.objects.filter(scale__key=scale, key=key).order_by("-scale__version")[0]


def test_a_reports_public_edition_keeps_assessments_but_not_internal_texts(
    adopted_plan: Plan,
) -> None:
    delar = adopted_plan.occasions.get(key="delar")
    first, second = adopted_plan.goals.order_by("position")[:2]
    GoalFollowUp.objects.create(
        goal=first, occasion=delar, fulfilment=_option("goal-fulfilment", "met"),
        analysis="Öppen analys om trygghet",
    )  # fmt: skip
    GoalFollowUp.objects.create(
        goal=second, occasion=delar, fulfilment=_option("goal-fulfilment", "not_met"),
        analysis="Hemlig analys om personalen", internal=True,
    )  # fmt: skip
    one, two = Assignment.objects.filter(plan=adopted_plan).order_by("position")[:2]
    AssignmentFollowUp.objects.create(assignment=one, occasion=delar, comment="Öppen kommentar")
    AssignmentFollowUp.objects.create(
        assignment=two, occasion=delar, comment="Intern kommentar om förhandlingen", internal=True
    )
    do_change_occasion_state(
        delar, "adopt", acting_user=None, adopted_on=date(2024, 10, 14), adopted_minute="§ 150"
    )
    version = DocumentVersion.objects.get(occasion=delar, template_key="delarsrapport")
    full, public = _editions(version)
    for text in ("Hemlig analys om personalen", "Intern kommentar om förhandlingen"):
        assert text in full and text not in public
    assert "Öppen analys om trygghet" in public and "Öppen kommentar" in public
    assert "Ej uppfyllt" in public  # the internal analysis's assessment is public
    assert "Uppföljning av internkontrollen" in full
    assert "Uppföljning av internkontrollen" not in public
    # Its files are real and kept apart from the decided document's.
    pdf = version_file(version, Format.PDF, public=True)
    assert "Öppen analys om trygghet" in pdf_text(pdf)
    assert "Hemlig analys om personalen" not in pdf_text(pdf)
    assert version_file(version, Format.PDF, public=True) == pdf
    assert "Hemlig analys om personalen" in pdf_text(version_file(version, Format.PDF))
    assert set(DocumentFile.objects.filter(version=version).values_list("edition", flat=True)) == {
        "full",
        "public",
    }


def test_the_public_edition_stays_as_decided(marked: tuple[Plan, Assignment, Indicator]) -> None:
    """Marking the indicator public again later does not change what was published."""
    plan, _, indicator = marked
    version = DocumentVersion.objects.get(occasion__plan=plan, template_key="namndplan")
    before = version_file(version, Format.DOCX, public=True)
    Indicator.objects.filter(pk=indicator.pk).update(public=True, name="Nytt namn")
    version.refresh_from_db()
    assert version_file(version, Format.DOCX, public=True) == before
    assert indicator.name not in _editions(version)[1]


def test_render_writes_the_public_edition(
    marked: tuple[Plan, Assignment, Indicator], tmp_path: Path
) -> None:
    plan, hidden, _ = marked
    out = StringIO()
    target = tmp_path / "offentlig.pdf"
    call_command(
        "render", "namndplan", "--body", "KS", "--year", "2024", "--format", "pdf", "--public",
        "-o", str(target), stdout=out,
    )  # fmt: skip
    assert "public edition" in out.getvalue()
    text = pdf_text(target.read_bytes())
    assert "Internkontrollplan" not in text and hidden.text[:40] not in text
    assert plan.title in text


OWN = """\
key: eget
version: 1
name: Egen plan
occasion: plan
title: "{plan_title}"
chapters:
- title: Mål
  content: [goals]
- title: Risker
  sections:
  - title: Riskanalys
    content: [{plan_text: risk_analysis}, risk_matrix]
  - title: Annat
    content: [{paragraph: Ett stycke om annat.}]
- title: Kontroll
  content: [{plan_text: internal_control_plan}, risks]
"""


def test_a_part_holding_internal_control_is_left_out_of_an_own_template(
    ks_plan: Plan,
) -> None:
    """A municipality's own template need not mark it: a chapter or section with a risk block
    is the administration's own, its texts with it."""
    from styr.documents.models import DocumentTemplate
    from styr.documents.produce import document_for

    DocumentTemplate.objects.create(
        municipality=ks_plan.body.municipality, key="eget", version=1, name="Egen plan",
        definition=OWN,
    )  # fmt: skip
    analysis = ks_plan.texts.get(key="risk_analysis").text.split("\n")[0][:40]
    full = _text(document_for(ks_plan, "eget"))
    public_document = document_for(ks_plan, "eget", public=True)
    public = _text(public_document)
    assert analysis and analysis in full and "Riskanalys" in full and "Kontroll" in full
    assert analysis not in public and "Riskanalys" not in public and "Kontroll" not in public
    assert "Ett stycke om annat." in public
    chapters = [(h.number, h.text) for h in public_document.headings(1)]
    assert chapters == [("1", "Mål"), ("2", "Risker")]
    assert ("2.1", "Annat") in [(h.number, h.text) for h in public_document.headings(2)]


def test_activity_comments_stay_out_of_the_public_edition(adopted_plan: Plan) -> None:
    from styr.activities.models import Activity, ActivityFollowUp

    delar = adopted_plan.occasions.get(key="delar")
    activity = Activity.objects.create(
        plan=adopted_plan, key="ny-aktivitet", title="Ny webbplats",
        goal=adopted_plan.goals.order_by("position")[0],
    )  # fmt: skip
    ActivityFollowUp.objects.create(
        activity=activity, occasion=delar, percent_complete=40,
        comment="Leverantören är försenad, se förhandlingen",
    )  # fmt: skip
    do_change_occasion_state(
        delar, "adopt", acting_user=None, adopted_on=date(2024, 10, 14), adopted_minute="§ 150"
    )
    version = DocumentVersion.objects.get(occasion=delar, template_key="delarsrapport")
    full, public = _editions(version)
    assert "Leverantören är försenad" in full and "Leverantören är försenad" not in public
    assert "Ny webbplats" in public and "40 %" in public


def test_it_records_what_the_public_edition_printed(
    marked: tuple[Plan, Assignment, Indicator],
) -> None:
    plan, hidden, indicator = marked
    version = DocumentVersion.objects.get(occasion__plan=plan, template_key="namndplan")
    printed = version.public_items
    assert indicator.pk not in printed["indicators"] and hidden.pk not in printed["assignments"]
    shown = Assignment.objects.filter(plan=plan, public=True).order_by("position")[0]
    assert shown.pk in printed["assignments"] and printed["indicators"]


def test_an_own_copy_of_the_first_shipped_template_keeps_internal_control_out(
    ks_plan: Plan,
) -> None:
    """A municipality's own copy of the shipped Nämndplan as it was before `public: false`:
    its internal-control texts stay out by their keys."""
    from styr.documents.models import DocumentTemplate
    from styr.documents.produce import document_for

    definition = (Path(__file__).parent / "namndplan_v1.yaml").read_text(encoding="utf-8")
    DocumentTemplate.objects.create(
        municipality=ks_plan.body.municipality, key="namndplan", version=1, name="Nämndplan",
        definition=definition,
    )  # fmt: skip
    follow_up = ks_plan.texts.get(key="internal_control_follow_up").text.split("\n")[0][:40]
    full = _text(document_for(ks_plan, "namndplan"))
    public = _text(document_for(ks_plan, "namndplan", public=True))
    assert follow_up and follow_up in full and "Nämndens internkontroll" in full
    assert follow_up not in public and "Nämndens internkontroll" not in public


def test_no_section_of_the_public_edition_is_left_empty(adopted_plan: Plan) -> None:
    """With every assignment not public, the report's sections of them go: not a heading over
    nothing, nor a text saying there are none."""
    Assignment.objects.filter(plan=adopted_plan).update(public=False)
    delar = adopted_plan.occasions.get(key="delar")
    do_change_occasion_state(
        delar, "adopt", acting_user=None, adopted_on=date(2024, 10, 14), adopted_minute="§ 150"
    )
    version = DocumentVersion.objects.get(occasion=delar, template_key="delarsrapport")
    assert version.public_tree is not None
    blocks = frozen.load(version.public_tree).blocks
    for block, following in zip(blocks, [*blocks[1:], None], strict=True):
        if isinstance(block, Heading) and block.level <= 2:
            assert not (isinstance(following, Heading) and following.level <= block.level), block
            assert following is not None, block
    full, public = _editions(version)
    council = Assignment.objects.filter(plan=adopted_plan, origin="council").first()
    assert council is not None and council.text[:50] in full
    assert council.text[:50] not in public
    assert "Nämnden har inga uppdrag från kommunfullmäktige." not in public
