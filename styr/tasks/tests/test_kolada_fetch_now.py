"""A municipality's administrator fetches from Kolada now, rather than waiting for the night:
the job fetches the municipality's linked KPIs for their areas and plan years from the API,
imports them, and its page says what came in. Nobody else may start it."""

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from django.contrib.auth.models import User

from styr.indicators.models import Indicator
from styr.kolada.models import KoladaValue
from styr.tasks.models import Job, JobState
from styr.web.tests.helpers import client_for, text_of

pytestmark = pytest.mark.django_db


class _Kolada(BaseHTTPRequestHandler):
    """Kolada's API shape: the catalogue, the areas, and 12,5 for every KPI, area and year."""

    data_paths: list[str] = []

    def do_GET(self) -> None:
        parts = self.path.split("?")[0].strip("/").split("/")
        values: list[Any]
        if parts[1] == "kpi":
            values = [{"id": k, "title": k, "description": "", "auspice": "X",
                       "municipality_type": "A", "is_divided_by_gender": 0,
                       "operating_area": "", "perspective": "", "publication_date": None,
                       "prel_publication_date": None, "ou_publication_date": None,
                       "has_ou_data": False} for k in parts[2].split(",")]  # fmt: skip
        elif parts[1] == "municipality":
            values = [{"id": a, "title": a, "type": "L" if a.startswith("00") else "K"}
                      for a in parts[2].split(",")]  # fmt: skip
        else:
            type(self).data_paths.append(self.path)
            values = [{"kpi": k, "municipality": a, "period": int(y),
                       "values": [{"gender": "T", "count": 1, "status": "", "value": 12.5,
                                   "isdeleted": False}]}
                      for k in parts[3].split(",") for a in parts[5].split(",")
                      for y in parts[7].split(",")]  # fmt: skip
        data = json.dumps({"values": values, "count": len(values), "next_url": None}).encode()
        self.send_response(200)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def kolada(settings: Any) -> Iterator[str]:
    _Kolada.data_paths = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Kolada)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    settings.KOLADA_API_URL = f"http://127.0.0.1:{server.server_address[1]}/v3"
    yield settings.KOLADA_API_URL
    server.shutdown()
    server.server_close()


def _admin() -> User:
    return User.objects.get(username="kommunadmin")


def test_the_administrator_fetches_now_and_sees_what_came_in(kolada: str) -> None:
    client = client_for(_admin())
    assert "Hämta från Kolada nu" in text_of(client.get("/referensdata/"))
    response = client.post("/referensdata/marks/kolada/")
    job = Job.objects.get(kind="kolada_fetch")
    assert response["Location"] == f"/jobb/{job.pk}/"
    assert job.state == JobState.DONE, job.error
    linked = set(
        Indicator.objects.filter(body__municipality__key="marks", kolada_kpi__gt="").values_list(
            "kolada_kpi", flat=True
        )
    )
    asked = {kpi for path in _Kolada.data_paths for kpi in path.split("/")[4].split(",")}
    assert linked <= asked
    assert KoladaValue.objects.filter(kpi_id__in=linked, area_id="1463", value=12.5).exists()
    page = text_of(client.get(response["Location"]))
    assert f"{job.result['kpis']} nyckeltal för {job.result['areas']} områden" in page


def test_nobody_else_may_fetch(kolada: str, editor: User, outsider: User) -> None:
    assert client_for(editor).post("/referensdata/marks/kolada/").status_code == 403
    assert client_for(outsider).post("/referensdata/marks/kolada/").status_code == 403
    assert client_for(None).post("/referensdata/marks/kolada/").status_code == 302
    assert not Job.objects.exists() and _Kolada.data_paths == []
