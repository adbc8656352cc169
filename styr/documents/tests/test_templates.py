"""Document templates are data: checked when read, and a municipality can have its own."""

import pytest
from django.test import Client

from styr.documents.models import DocumentTemplate
from styr.documents.produce import DocumentError, document_for
from styr.documents.templates import TemplateError, parse
from styr.plans.models import Plan

pytestmark = pytest.mark.django_db

OWN = """\
key: namndplan
version: 1
name: Verksamhetsplan
occasion: plan
title: "Verksamhetsplan {year} för {body}"
chapters:
- title: Ekonomi först
  content: [{budget_tables: operating}]
- title: "{body_genitive} mål"
  content: [goals]
"""


def _error(text: str) -> str:
    with pytest.raises(TemplateError) as info:
        parse(text, "egen.yaml")
    return str(info.value)


def test_it_uses_a_municipalitys_own_template_instead_of_the_shipped_one(ks_plan: Plan) -> None:
    DocumentTemplate.objects.create(
        municipality=ks_plan.body.municipality, key="namndplan", version=1,
        name="Verksamhetsplan", definition=OWN,
    )  # fmt: skip
    document = document_for(ks_plan, "namndplan")
    assert document.title == "Verksamhetsplan 2024 för Kommunstyrelsen"
    chapters = [(h.number, h.text) for h in document.headings(1)]
    assert chapters == [("1", "Ekonomi först"), ("2", "Kommunstyrelsens mål")]


def test_it_names_an_unknown_block_type_and_its_line() -> None:
    message = _error(OWN.replace("[goals]", "[golas]"))
    assert message.startswith("egen.yaml:10: chapters[1].content[0]: unknown block type 'golas'")
    assert "goals" in message  # the known types are listed


def test_it_names_an_unknown_option() -> None:
    message = _error(OWN.replace("{budget_tables: operating}", "{budget_tables: {sort: up}}"))
    assert "egen.yaml:8:" in message and "sort: okänt fält" in message


def test_it_names_a_value_that_is_not_allowed() -> None:
    message = _error(OWN.replace("budget_tables: operating", "budget_tables: drift"))
    assert "'drift' is not one of capital, development, operating" in message


def test_it_names_a_bad_indicator_column() -> None:
    message = _error(OWN.replace("[goals]", "[{goals: {columns: [utfall@-1]}}]"))
    assert message.startswith("egen.yaml:10: goals: 'utfall@-1' is not a value column")


def test_a_stored_template_that_no_longer_reads_is_a_one_line_error(ks_plan: Plan) -> None:
    DocumentTemplate.objects.create(
        municipality=ks_plan.body.municipality, key="namndplan", version=2, name="X",
        definition=OWN.replace("[goals]", "[golas]"),
    )  # fmt: skip
    with pytest.raises(DocumentError, match="unknown block type 'golas'"):
        document_for(ks_plan, "namndplan")


def test_it_refuses_a_template_without_chapters() -> None:
    assert "chapters" in _error(OWN.split("chapters:")[0])


def test_the_admin_refuses_a_broken_template_with_the_reason(client: Client) -> None:
    client.login(username="admin", password="demo")
    response = client.post(
        "/admin/documents/documenttemplate/add/",
        {"key": "namndplan", "version": 7, "name": "Trasig", "definition": "key: namndplan\n"},
    )
    assert response.status_code == 200
    assert "saknas; fältet måste finnas med" in response.content.decode()
    assert not DocumentTemplate.objects.filter(version=7).exists()


def test_the_admin_keeps_templates_from_users_who_are_not_staff(client: Client) -> None:
    client.login(username="ks.redaktor", password="demo")
    response = client.get("/admin/documents/documenttemplate/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
