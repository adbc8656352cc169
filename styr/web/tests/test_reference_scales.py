"""A municipality's own status scales: its administrator copies Styr's default and renames,
recolours, adds and removes options on the web; the change reaches that municipality's
follow-up and documents and never another municipality's."""

import re

import pytest
from django.contrib.auth.models import User

from styr.assignments.actions import do_report_assignment
from styr.assignments.models import AssignmentFollowUp
from styr.audit.models import AuditEntry
from styr.organisation.models import Municipality
from styr.plans.models import Plan
from styr.scales.actions import do_copy_scale
from styr.scales.models import Scale
from styr.web.tests.helpers import client_for, text_of

pytestmark = pytest.mark.django_db

KEY = "assignment-status"


@pytest.fixture
def administrator(db: None) -> User:
    return User.objects.get(username="kommunadmin")


@pytest.fixture
def other() -> Municipality:
    return Municipality.objects.create(key="fiktiva", name="Fiktiva kommun")


def _ongoing(plan: Plan, editor: User) -> AssignmentFollowUp:
    assignment = plan.assignments.first()
    assert assignment is not None
    option = Scale.objects.current(KEY, plan.body.municipality).options.get(key="ongoing")
    return do_report_assignment(
        assignment, plan.occasions.get(key="delar"), status=option, grade=None,
        comment="", acting_user=editor,
    )  # fmt: skip


def _form(scale: Scale, **changes: str) -> dict[str, str]:
    """The scale's edit form as shown, with `label-N=…` style changes."""
    data = {"rows": str(scale.options.count())}
    for i, option in enumerate(scale.options.all()):
        data |= {f"key-{i}": option.key, f"label-{i}": option.label,
                 f"label_en-{i}": option.label_en, f"colour-{i}": option.colour}  # fmt: skip
    return data | changes


def test_a_copy_takes_over_the_municipalitys_follow_up(
    administrator: User, editor: User, ks_plan: Plan, other: Municipality
) -> None:
    follow_up = _ongoing(ks_plan, editor)
    marks = ks_plan.body.municipality
    response = client_for(administrator).post(f"/referensdata/{marks.key}/skalor/{KEY}/kopiera/")
    assert response.status_code == 302
    own = Scale.objects.get(key=KEY, municipality=marks)
    follow_up.refresh_from_db()
    assert follow_up.status is not None and follow_up.status.scale == own
    assert Scale.objects.current(KEY, other).municipality is None
    # Every status Marks has recorded now points at Marks' own copy, with the same meaning.
    statuses = AssignmentFollowUp.objects.filter(
        assignment__plan__body__municipality=marks, status__isnull=False
    )
    assert statuses.exists() and not statuses.exclude(status__scale=own).exists()
    entry = AuditEntry.objects.get(action="scale_copied", object_id=str(own.pk))
    assert entry.changes["moved"] == statuses.count()


def test_renaming_an_option_changes_only_this_municipality(
    administrator: User, editor: User, ks_plan: Plan, other: Municipality
) -> None:
    _ongoing(ks_plan, editor)
    marks = ks_plan.body.municipality
    own = do_copy_scale(KEY, marks, acting_user=administrator)
    index = [o.key for o in own.options.all()].index("ongoing")
    response = client_for(administrator).post(
        f"/referensdata/{marks.key}/skalor/{KEY}/", _form(own, **{f"label-{index}": "Pågår"})
    )
    assert response.status_code == 302
    page = text_of(client_for(editor).get(f"/plan/{ks_plan.pk}/uppfoljning/delar/"))
    assert "Pågår" in page
    assert Scale.objects.current(KEY, other).options.get(key="ongoing").label == "Pågående"
    assert Scale.objects.current(KEY).options.get(key="ongoing").label == "Pågående"


def test_an_option_in_use_is_not_removed_and_bad_rows_are_named(
    administrator: User, editor: User, ks_plan: Plan
) -> None:
    _ongoing(ks_plan, editor)
    marks = ks_plan.body.municipality
    own = do_copy_scale(KEY, marks, acting_user=administrator)
    keys = [o.key for o in own.options.all()]
    client = client_for(administrator)
    url = f"/referensdata/{marks.key}/skalor/{KEY}/"
    response = client.post(url, _form(own, **{f"remove-{keys.index('ongoing')}": "yes"}))
    assert response.status_code == 400
    assert re.search(
        r"”Pågående” används i \d+ uppföljningar och kan inte tas bort", text_of(response)
    )
    response = client.post(url, _form(own, **{"label-1": own.options.all()[0].label}))
    assert "Rad 2: " in text_of(response) and "finns redan på rad 1" in text_of(response)
    response = client.post(url, _form(own, **{"colour-0": "grön"}))
    assert "Rad 1: färgen ska skrivas #rrggbb" in text_of(response)
    assert [o.key for o in own.options.all()] == keys


def test_a_new_option_is_offered_in_the_follow_up(
    administrator: User, editor: User, ks_plan: Plan
) -> None:
    marks = ks_plan.body.municipality
    own = do_copy_scale(KEY, marks, acting_user=administrator)
    count = own.options.count()
    data = _form(own, rows=str(count + 1), **{f"label-{count}": "Väntar på beslut",
                                               f"colour-{count}": "#6A1B9A"})  # fmt: skip
    assert (
        client_for(administrator).post(f"/referensdata/{marks.key}/skalor/{KEY}/", data).status_code
        == 302
    )
    assert own.options.filter(label="Väntar på beslut", colour="#6a1b9a").exists()
    page = text_of(client_for(editor).get(f"/plan/{ks_plan.pk}/uppfoljning/delar/"))
    assert "Väntar på beslut" in page


def test_only_the_municipalitys_administrator_changes_its_scales(
    editor: User, reader: User, administrator: User, ks_plan: Plan, other: Municipality
) -> None:
    marks = ks_plan.body.municipality
    for user in (editor, reader):
        assert client_for(user).get("/referensdata/").status_code == 403
        response = client_for(user).post(f"/referensdata/{marks.key}/skalor/{KEY}/kopiera/")
        assert response.status_code == 403
    # Marks' administrator is an outsider to another municipality.
    response = client_for(administrator).post(f"/referensdata/{other.key}/skalor/{KEY}/kopiera/")
    assert response.status_code == 403
    assert not Scale.objects.filter(municipality__in=[marks, other]).exists()
    assert "Referensdata" in text_of(client_for(administrator).get("/"))
    assert "Referensdata" not in text_of(client_for(editor).get("/"))


def test_an_option_styr_reads_cannot_be_removed(administrator: User, ks_plan: Plan) -> None:
    marks = ks_plan.body.municipality
    own = do_copy_scale("target-result", marks, acting_user=administrator)
    keys = [o.key for o in own.options.all()]
    data = _form(own, **{f"remove-{keys.index('met')}": "yes"})
    response = client_for(administrator).post(
        f"/referensdata/{marks.key}/skalor/target-result/", data
    )
    assert response.status_code == 400
    assert "”Uppnått” kan inte tas bort: Styr läser den i uppföljningen" in text_of(response)
    assert own.options.filter(key="met").exists()
