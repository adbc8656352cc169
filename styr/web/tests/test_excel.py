"""The plan's Excel page: download, upload with a preview of what will change, confirm."""

import re
from decimal import Decimal
from io import BytesIO

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from openpyxl import load_workbook
from openpyxl.workbook.workbook import Workbook

from styr.audit.models import AuditEntry
from styr.excel.models import PendingWorkbook
from styr.excel.tests.helpers import cell_of, edited, exported, snapshot
from styr.indicators.actions import do_set_indicator_value
from styr.indicators.models import Indicator, IndicatorValue, ValueKind
from styr.plans.models import Plan
from styr.web.tests.helpers import client_for, text_of

pytestmark = pytest.mark.django_db

INDICATOR = "behoriga-yrkesprogram"


def _upload(data: bytes, name: str = "ks-2024.xlsx") -> dict[str, SimpleUploadedFile]:
    return {"workbook": SimpleUploadedFile(name, data)}


def _edited_outcome(plan: Plan) -> tuple[bytes, str]:
    data = exported(plan)
    cell = cell_of(data, "Indikatorer", INDICATOR, "Utfall 2023")

    def edit(book: Workbook) -> None:
        book["Indikatorer"][cell] = 84.5

    return edited(data, edit), cell


def _token(page: str) -> str:
    match = re.search(r'name="token" value="([^"]+)"', page)
    assert match, "the preview offers a confirmation"
    return match.group(1)


def _preview(client: Client, plan: Plan, data: bytes) -> str:
    response = client.post(f"/plan/{plan.pk}/excel/granska/", _upload(data))
    assert response.status_code == 200
    return response.content.decode()


def test_the_plan_page_links_to_the_excel_page(editor: User, ks_plan: Plan) -> None:
    page = client_for(editor).get(f"/plan/{ks_plan.pk}/").content.decode()
    assert f'href="/plan/{ks_plan.pk}/excel/"' in page


def test_an_editor_gets_the_download_and_the_upload_form(editor: User, ks_plan: Plan) -> None:
    text = text_of(client_for(editor).get(f"/plan/{ks_plan.pk}/excel/"))
    assert "Hämta ks-2024.xlsx" in text
    assert "Arbetsbok (.xlsx)" in text


def test_a_reader_may_download_but_not_upload(reader: User, ks_plan: Plan) -> None:
    client = client_for(reader)
    assert "Arbetsbok (.xlsx)" not in text_of(client.get(f"/plan/{ks_plan.pk}/excel/"))
    response = client.get(f"/plan/{ks_plan.pk}/excel/hamta/")
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="ks-2024.xlsx"'
    book = load_workbook(BytesIO(response.content), read_only=True)
    assert book.sheetnames[:2] == ["Om", "Indikatorer"]
    data, _ = _edited_outcome(ks_plan)
    assert client.post(f"/plan/{ks_plan.pk}/excel/granska/", _upload(data)).status_code == 403
    assert client.post(f"/plan/{ks_plan.pk}/excel/las-in/", {"token": "x"}).status_code == 403


def test_an_outsider_sees_nothing(outsider: User, ks_plan: Plan) -> None:
    client = client_for(outsider)
    data, _ = _edited_outcome(ks_plan)
    assert client.get(f"/plan/{ks_plan.pk}/excel/").status_code == 404
    assert client.get(f"/plan/{ks_plan.pk}/excel/hamta/").status_code == 404
    assert client.post(f"/plan/{ks_plan.pk}/excel/granska/", _upload(data)).status_code == 404
    assert client.post(f"/plan/{ks_plan.pk}/excel/las-in/", {"token": "x"}).status_code == 404


def test_the_preview_shows_what_will_change_and_changes_nothing(
    editor: User, ks_plan: Plan
) -> None:
    data, cell = _edited_outcome(ks_plan)
    before = snapshot()

    response = client_for(editor).post(f"/plan/{ks_plan.pk}/excel/granska/", _upload(data))

    assert response.status_code == 200
    text = text_of(response)
    assert "1 celler ändras" in text
    assert (
        f"Indikatorer!{cell} Andel elever behöriga till gymnasiets yrkesprogram Utfall 2023 "
        "(tomt) 84,5"
    ) in text
    assert snapshot() == before


def test_confirming_applies_exactly_the_previewed_changes(editor: User, ks_plan: Plan) -> None:
    client = client_for(editor)
    data, _ = _edited_outcome(ks_plan)
    token = _token(_preview(client, ks_plan, data))
    assert PendingWorkbook.objects.filter(plan=ks_plan).count() == 1

    response = client.post(f"/plan/{ks_plan.pk}/excel/las-in/", {"token": token})

    assert response.status_code == 302
    assert response["Location"] == f"/plan/{ks_plan.pk}/"
    value = IndicatorValue.objects.get(
        indicator__body__municipality__key="marks",
        indicator__key=INDICATOR,
        year=2023,
        kind="outcome",
    )
    assert str(value.value.normalize()) == "84.5"
    summary = AuditEntry.objects.get(action="excel_imported", actor=editor)
    assert summary.changes == {"cells": 1, "sheets": {"Indikatorer": 1}}
    assert not PendingWorkbook.objects.exists(), "the upload is removed once it is in"
    followed = text_of(client.get(response["Location"]))
    assert "1 ändrade celler lästes in från Excel (Indikatorer 1)." in followed
    # The same confirmation a second time finds no file: nothing is applied twice.
    again = client.post(f"/plan/{ks_plan.pk}/excel/las-in/", {"token": token})
    assert again.status_code == 400
    assert AuditEntry.objects.filter(action="excel_imported").count() == 1


def test_a_changed_plan_between_preview_and_confirmation_applies_nothing(
    editor: User, ks_plan: Plan
) -> None:
    client = client_for(editor)
    data, _ = _edited_outcome(ks_plan)
    token = _token(_preview(client, ks_plan, data))
    indicator = Indicator.objects.get(key=INDICATOR, body=ks_plan.body)
    do_set_indicator_value(indicator, plan=ks_plan, year=2023, kind=ValueKind.OUTCOME,
                           value=Decimal("84.4"), acting_user=editor)  # fmt: skip
    before = snapshot()

    response = client.post(f"/plan/{ks_plan.pk}/excel/las-in/", {"token": token})

    assert response.status_code == 409
    assert "Planen har ändrats sedan förhandsgranskningen" in text_of(response)
    assert snapshot() == before


def test_a_forged_or_foreign_token_is_refused(
    editor: User, ks_plan: Plan, django_user_model: type[User]
) -> None:
    data, _ = _edited_outcome(ks_plan)
    token = _token(_preview(client_for(editor), ks_plan, data))
    before = snapshot()
    forged = client_for(editor).post(f"/plan/{ks_plan.pk}/excel/las-in/", {"token": token + "x"})
    assert forged.status_code == 400
    admin = django_user_model.objects.get(username="admin")
    foreign = client_for(admin).post(f"/plan/{ks_plan.pk}/excel/las-in/", {"token": token})
    assert foreign.status_code == 400
    assert "gäller inte den här planen eller användaren" in text_of(foreign)
    assert snapshot() == before


def test_a_workbook_with_errors_lists_them_and_offers_no_confirmation(
    editor: User, ks_plan: Plan
) -> None:
    def edit(book: Workbook) -> None:
        book["Indikatorer"]["E7"] = "ca 80"

    response = client_for(editor).post(
        f"/plan/{ks_plan.pk}/excel/granska/", _upload(edited(exported(ks_plan), edit))
    )

    assert response.status_code == 400
    text = text_of(response)
    assert "Arbetsboken kan inte läsas in: 1 fel." in text
    assert "Indikatorer!E7: ”ca 80” är inte ett tal" in text
    assert 'name="token"' not in response.content.decode()


def test_an_unedited_workbook_is_no_change(editor: User, ks_plan: Plan) -> None:
    page = _preview(client_for(editor), ks_plan, exported(ks_plan))
    assert "Inga ändringar: arbetsboken stämmer med planen." in page
    assert 'name="token"' not in page


def test_a_file_that_is_no_workbook_is_named(editor: User, ks_plan: Plan) -> None:
    response = client_for(editor).post(
        f"/plan/{ks_plan.pk}/excel/granska/", _upload(b"%PDF-1.7 ...", name="plan.pdf")
    )
    assert response.status_code == 400
    assert "plan.pdf är inte en Excel-arbetsbok (.xlsx)" in text_of(response)
