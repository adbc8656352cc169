"""The start page's card for each body the user may see: its plans, their report occasions as
links to the follow-up, and how its newest plan's goals stand."""

import re

import pytest
from django.contrib.auth.models import User

from styr.organisation.models import Body
from styr.plans.models import Plan
from styr.web.tests.helpers import client_for, text_of

pytestmark = pytest.mark.django_db


def _card(html: str, body: Body) -> str:
    found = re.search(rf'<section class="card" aria-labelledby="organ-{body.pk}">(.*?)</section>',
                      html, re.S)  # fmt: skip
    assert found is not None, f"no card for {body.name}"
    return found.group(1)


def test_it_shows_the_editor_their_body_with_links_to_plan_and_follow_up(
    editor: User, ks: Body, ks_plan: Plan
) -> None:
    card = _card(client_for(editor).get("/").content.decode(), ks)
    assert f'<a href="/organ/{ks.pk}/">Kommunstyrelsen</a>' in card
    assert "du är redaktör" in card
    assert f'<a href="/plan/{ks_plan.pk}/">{ks_plan.title}</a>' in card
    for occasion in ks_plan.occasions.exclude(kind="plan"):
        assert f'href="/plan/{ks_plan.pk}/uppfoljning/{occasion.key}/">{occasion.name}</a>' in card
    # The plan occasion itself is no follow-up: its name, not a link.
    plan_occasion = ks_plan.occasions.get(kind="plan")
    assert f"<li>{plan_occasion.name}" in card


def test_it_shows_the_reader_the_body_without_the_editor_note(reader: User, ks: Body) -> None:
    card = _card(client_for(reader).get("/").content.decode(), ks)
    assert "Kommunstyrelsen" in card and "du är redaktör" not in card


def test_it_shows_no_card_for_a_body_the_user_has_no_role_on(outsider: User, ks: Body) -> None:
    html = client_for(outsider).get("/").content.decode()
    assert f'aria-labelledby="organ-{ks.pk}"' not in html
    assert "Kultur- och fritidsnämnden" in text_of(client_for(outsider).get("/"))


def test_it_escapes_what_officials_typed(editor: User, ks: Body) -> None:
    Body.objects.filter(pk=ks.pk).update(name="Kommunstyrelsen <b>& co</b>")
    card = _card(client_for(editor).get("/").content.decode(), ks)
    assert "Kommunstyrelsen &lt;b&gt;&amp; co&lt;/b&gt;" in card and "<b>" not in card


def test_it_sends_a_visitor_who_is_not_signed_in_to_the_login() -> None:
    response = client_for(None).get("/")
    assert response.status_code == 302 and "/login/" in response["Location"]
