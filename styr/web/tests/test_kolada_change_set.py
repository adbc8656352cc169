"""The log links a Kolada import to its change set, which downloads as CSV for Excel: every
value the import added, changed or withdrew, before and after, in Swedish number format."""

from pathlib import Path

import pytest
from django.contrib.auth.models import User

from styr.audit.models import AuditEntry
from styr.kolada.actions import do_import_kolada
from styr.kolada.models import KoladaValue
from styr.kolada.tests.helpers import answer, catalogue, record, value, write
from styr.web.tests.helpers import client_for, text_of

pytestmark = pytest.mark.django_db


def _import_twice(tmp_path: Path) -> AuditEntry:
    files = catalogue(tmp_path)
    KoladaValue.objects.filter(kpi_id="N01951", area_id="0000").delete()
    first = write(tmp_path, "a/page.json", answer([
        record(area="0000", period=2020, values=[value("T", 35201.0), value("K", 4.5)]),
    ]))  # fmt: skip
    do_import_kolada([*files, first], acting_user=None)
    later = write(tmp_path, "b/page.json", answer([
        record(area="0000", period=2020, values=[value("T", 35210.25), value("K", None)]),
    ]))  # fmt: skip
    do_import_kolada([*files, later], acting_user=User.objects.get(username="admin"))
    return AuditEntry.objects.filter(action="kolada_imported").latest("pk")


def test_it_downloads_the_change_set_from_the_log(tmp_path: Path) -> None:
    entry = _import_twice(tmp_path)
    client = client_for(User.objects.get(username="admin"))
    log = text_of(client.get("/logg/", {"q": "Kolada-data"}))
    assert "Hämta de 2 ändrade värdena (CSV)" in log
    assert "värden återkallade av Kolada: 1" in log

    response = client.get(f"/logg/{entry.pk}/kolada.csv")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    lines = b"".join(response.streaming_content).decode("utf-8").splitlines()  # type: ignore[attr-defined]
    assert lines == [
        "\ufeffNyckeltal;Område;År;Kön;Före;Efter",
        "N01951;0000;2020;K;4,5;",
        "N01951;0000;2020;T;35201;35210,25",
    ]


def test_it_refuses_those_who_may_not_read_every_municipality(
    tmp_path: Path, editor: User, outsider: User
) -> None:
    entry = _import_twice(tmp_path)
    # Kolada's data is no one municipality's: an auditor of Marks does not read its imports.
    for user in (User.objects.get(username="revisor"), editor, outsider):
        assert client_for(user).get(f"/logg/{entry.pk}/kolada.csv").status_code == 404
    other = AuditEntry.objects.exclude(action="kolada_imported").first()
    assert other is not None
    admin = client_for(User.objects.get(username="admin"))
    assert admin.get(f"/logg/{other.pk}/kolada.csv").status_code == 404
