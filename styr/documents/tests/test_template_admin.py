"""A municipality's template saved in the Django admin becomes its next version, checked and
audited as on the web; version 1 stays as it was, and a staff member who is not an
administrator is refused."""

import pytest
from django.contrib.auth.models import User
from django.test import Client

from styr.audit.models import AuditEntry
from styr.documents.actions import do_save_template
from styr.documents.models import DocumentTemplate
from styr.organisation.models import Municipality

pytestmark = pytest.mark.django_db


def test_an_admin_save_is_the_next_version(client: Client, editor: User) -> None:
    marks = Municipality.objects.get(key="marks")
    shipped = DocumentTemplate.objects.get(municipality__isnull=True, key="namndplan")
    own = do_save_template(marks, "namndplan", shipped.definition, acting_user=None)
    client.login(username="admin", password="demo")
    changed = own.definition.replace("name: Nämndplan", "name: Verksamhetsplan", 1)
    response = client.post(f"/admin/documents/documenttemplate/{own.pk}/change/", {
        "key": own.key, "version": own.version, "name": own.name,
        "municipality": marks.pk, "definition": changed,
    })  # fmt: skip
    assert response.status_code == 302
    versions = DocumentTemplate.objects.filter(municipality=marks, key="namndplan")
    assert [(t.version, t.name) for t in versions.order_by("version")] == [
        (1, "Nämndplan"), (2, "Verksamhetsplan"),
    ]  # fmt: skip
    assert AuditEntry.objects.filter(action="template_saved", actor_name="admin").exists()
    client.force_login(editor)
    assert client.get(f"/admin/documents/documenttemplate/{own.pk}/change/").status_code == 302


def test_a_template_over_the_limit_is_refused_on_the_form(client: Client) -> None:
    marks = Municipality.objects.get(key="marks")
    shipped = DocumentTemplate.objects.get(municipality__isnull=True, key="namndplan")
    own = do_save_template(marks, "namndplan", shipped.definition, acting_user=None)
    client.login(username="admin", password="demo")
    huge = own.definition + "\n# " + "x" * 250_000
    response = client.post(f"/admin/documents/documenttemplate/{own.pk}/change/", {
        "key": own.key, "version": own.version, "name": own.name,
        "municipality": marks.pk, "definition": huge,
    })  # fmt: skip
    assert response.status_code == 200
    page = response.content.decode()
    assert f"Mallen är {len(huge)} tecken; högst 200000." in page
    assert DocumentTemplate.objects.filter(municipality=marks, key="namndplan").count() == 1
