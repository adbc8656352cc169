"""In the workspace an official sees the public edition residents get, of a decided version and
of today's draft, and downloads its files."""

import pytest
from django.contrib.auth.models import User

from styr.documents.actions import version_file
from styr.documents.models import DocumentVersion
from styr.documents.render import Format
from styr.plans.models import Plan
from styr.web.tests.helpers import client_for, text_of

pytestmark = pytest.mark.django_db


def test_it_shows_and_writes_the_public_edition(reader: User, adopted_plan: Plan) -> None:
    client = client_for(reader)
    base = f"/plan/{adopted_plan.pk}/dokument/namndplan"
    full = text_of(client.get(f"{base}/"))
    assert "Visa den offentliga utgåvan" in full and "Internkontrollplan" in full
    public = text_of(client.get(f"{base}/?tillfalle=plan&version=1&utgava=offentlig"))
    assert "Offentlig utgåva." in public and "Internkontrollplan" not in public
    version = DocumentVersion.objects.get(occasion__plan=adopted_plan, template_key="namndplan")
    pdf = client.get(f"{base}.pdf?tillfalle=plan&version=1&utgava=offentlig")
    assert pdf.content == version_file(version, Format.PDF, public=True)
    assert 'filename="ks-namndplan-2024-v1-offentlig.pdf"' in pdf["Content-Disposition"]
    draft = text_of(client.get(f"{base}/?version=utkast&utgava=offentlig"))
    assert "Offentlig utgåva." in draft and "Internkontrollplan" not in draft


def test_a_version_without_a_public_edition_says_so(reader: User, adopted_plan: Plan) -> None:
    DocumentVersion.objects.filter(occasion__plan=adopted_plan).update(public_tree=None)
    client = client_for(reader)
    base = f"/plan/{adopted_plan.pk}/dokument/namndplan"
    assert "Visa den offentliga utgåvan" not in text_of(client.get(f"{base}/"))
    assert client.get(f"{base}/?version=1&utgava=offentlig").status_code == 404
    assert client.get(f"{base}.pdf?version=1&utgava=offentlig").status_code == 404


def test_the_outsider_gets_no_public_edition(outsider: User, adopted_plan: Plan) -> None:
    client = client_for(outsider)
    base = f"/plan/{adopted_plan.pk}/dokument/namndplan"
    assert client.get(f"{base}/?version=1&utgava=offentlig").status_code == 404
    assert client.get(f"{base}.pdf?version=1&utgava=offentlig").status_code == 404
