"""Several units on one activity: the editor names the units taking part beside the
responsible one, each of them gives its own comment in a report, and the page and the
documents show every unit's words under its name; a unit not taking part, a reader and an
outsider change nothing."""

import pytest
from django.contrib.auth.models import User

from styr.activities.actions import ActivityError, do_report_activity, do_save_activity
from styr.activities.models import Activity, ActivityUnitComment
from styr.audit.models import AuditEntry
from styr.documents.render import Format
from styr.documents.tests.helpers import docx_text, pdf_text, rendered
from styr.organisation.models import Unit
from styr.plans.models import Plan
from styr.web.tests.helpers import client_for, text_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def units() -> tuple[Unit, Unit]:
    kansli = Unit.objects.get(name="Kanslienheten", administration__body__code="KS",
                              administration__body__municipality__key="marks")  # fmt: skip
    ekonomi = Unit.objects.create(administration=kansli.administration, name="Ekonomienheten")
    return kansli, ekonomi


def _activity(plan: Plan) -> Activity:
    goal = plan.goals.exclude(reporter=None).first()
    return do_save_activity(
        plan, None, {"title": "Ny budgetprocess", "goal": goal}, acting_user=None
    )


def test_the_editor_names_the_units_taking_part(
    editor: User, adopted_plan: Plan, units: tuple[Unit, Unit]
) -> None:
    kansli, ekonomi = units
    activity = _activity(adopted_plan)
    response = client_for(editor).post(f"/plan/{adopted_plan.pk}/aktiviteter/{activity.pk}/", {
        "title": activity.title, "under": f"goal-{activity.goal_id}",
        "responsible_unit": str(kansli.pk), "units": [str(ekonomi.pk)],
    })  # fmt: skip
    assert response.status_code == 302
    assert list(activity.units.all()) == [ekonomi]
    entry = AuditEntry.objects.filter(action="activity_changed", object_id=str(activity.pk)).last()
    assert entry is not None and entry.changes["units"] == [None, "Ekonomienheten"]
    page = text_of(client_for(editor).get(f"/plan/{adopted_plan.pk}/aktiviteter/?rapport=delar"))
    assert "Kommentar från Ekonomienheten" in page


def test_each_unit_taking_part_reports_in_its_own_words(
    reporter: User, adopted_plan: Plan, units: tuple[Unit, Unit]
) -> None:
    _, ekonomi = units
    activity = _activity(adopted_plan)
    do_save_activity(adopted_plan, activity, {"units": [ekonomi]}, acting_user=None)

    response = client_for(reporter).post(
        f"/plan/{adopted_plan.pk}/aktiviteter/{activity.pk}/delar/",
        {"comment": "Processen är beslutad.", f"unit-{ekonomi.pk}": "Mallarna är klara."},
    )

    assert response.status_code == 302
    said = ActivityUnitComment.objects.get(follow_up__activity=activity, unit=ekonomi)
    assert said.comment == "Mallarna är klara."
    page = text_of(client_for(reporter).get(f"/plan/{adopted_plan.pk}/aktiviteter/?rapport=delar"))
    assert "Processen är beslutad. Ekonomienheten: Mallarna är klara." in page
    for text in (
        pdf_text(rendered(adopted_plan, "delarsrapport", Format.PDF, "delar")),
        docx_text(rendered(adopted_plan, "delarsrapport", Format.DOCX, "delar")),
    ):
        # The PDF's narrow comment column wraps the line; the unit's name leads its words.
        assert "Ekonomienheten: Mallarna är" in " ".join(text.split())
    entry = AuditEntry.objects.get(action="activity_reported", object_id=str(activity.pk))
    assert entry.changes["unit_comments"] == {"Ekonomienheten": [None, "Mallarna är klara."]}
    # Emptying the unit's text removes its comment.
    client_for(reporter).post(
        f"/plan/{adopted_plan.pk}/aktiviteter/{activity.pk}/delar/",
        {"comment": "Processen är beslutad.", f"unit-{ekonomi.pk}": " "},
    )
    assert not ActivityUnitComment.objects.filter(follow_up__activity=activity).exists()


def test_a_unit_not_taking_part_cannot_comment(
    adopted_plan: Plan, units: tuple[Unit, Unit]
) -> None:
    _, ekonomi = units
    activity = _activity(adopted_plan)
    with pytest.raises(ActivityError, match="Ekonomienheten: enheten medverkar inte"):
        do_report_activity(
            activity, adopted_plan.occasions.get(key="delar"), status=None,
            percent_complete=None, comment="", unit_comments={ekonomi: "Klart."},
            acting_user=None,
        )  # fmt: skip
    assert not ActivityUnitComment.objects.filter(follow_up__activity=activity).exists()


def test_others_are_refused(
    reader: User, outsider: User, adopted_plan: Plan, units: tuple[Unit, Unit]
) -> None:
    _, ekonomi = units
    activity = _activity(adopted_plan)
    do_save_activity(adopted_plan, activity, {"units": [ekonomi]}, acting_user=None)
    url = f"/plan/{adopted_plan.pk}/aktiviteter/{activity.pk}/delar/"
    assert client_for(reader).post(url, {f"unit-{ekonomi.pk}": "X"}).status_code == 403
    assert client_for(outsider).post(url, {f"unit-{ekonomi.pk}": "X"}).status_code == 404
    edit = f"/plan/{adopted_plan.pk}/aktiviteter/{activity.pk}/"
    assert client_for(reader).post(edit, {"title": "X", "units": []}).status_code == 403
    assert list(activity.units.all()) == [ekonomi]
    assert not ActivityUnitComment.objects.filter(follow_up__activity=activity).exists()
