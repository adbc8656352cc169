"""A plan's Historik lists every recorded change of the plan and what it holds (texts,
assignments, goals' indicators …), newest first and searchable, to everyone who may read the
plan and to no one else."""

import pytest
from django.contrib.auth.models import User

from styr.plans.actions import do_update_plan_text, fingerprint
from styr.plans.models import Plan
from styr.web.tests.helpers import client_for, text_of

pytestmark = pytest.mark.django_db


def test_it_lists_the_plans_changes_for_a_reader(editor: User, reader: User, ks_plan: Plan) -> None:
    chapter = ks_plan.texts.get(key="agenda_2030")
    do_update_plan_text(
        ks_plan, "agenda_2030", "Ny text.", based_on=fingerprint(chapter.text), acting_user=editor
    )
    text = text_of(client_for(reader).get(f"/plan/{ks_plan.pk}/historik/"))

    assert "Kapiteltext ändrad" in text and "ks.redaktor" in text
    found = text_of(client_for(reader).get(f"/plan/{ks_plan.pk}/historik/", {"q": "Kapiteltext"}))
    assert "1 ändringar som matchar" in found


def test_another_municipalitys_changes_are_not_in_it(
    editor: User, reader: User, ks_plan: Plan
) -> None:
    other = Plan.objects.exclude(body__municipality=ks_plan.body.municipality).first()
    assert other is not None
    text = text_of(client_for(reader).get(f"/plan/{ks_plan.pk}/historik/"))
    assert other.body.name not in text


def test_an_outsider_is_refused(outsider: User, ks_plan: Plan) -> None:
    assert client_for(outsider).get(f"/plan/{ks_plan.pk}/historik/").status_code == 404


def test_a_long_history_pages_and_keeps_the_search(
    editor: User, reader: User, ks_plan: Plan
) -> None:
    for n in range(51):
        chapter = ks_plan.texts.get(key="agenda_2030")
        do_update_plan_text(ks_plan, "agenda_2030", f"Version {n}.",
                            based_on=fingerprint(chapter.text), acting_user=editor)  # fmt: skip
    page = client_for(reader).get(f"/plan/{ks_plan.pk}/historik/", {"q": "Kapiteltext"})
    assert "Sida 1 av 2" in text_of(page)
    assert 'href="?q=Kapiteltext&amp;sida=2"' in page.content.decode()
