"""The scheduled kinds of job: the nightly Kolada fetch asks for what the linked measures
need, and its import is all or nothing."""

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from styr.indicators.models import Indicator, Metric
from styr.kolada.models import KoladaValue
from styr.tasks.kinds import KOLADA_HISTORY_YEARS, kolada_wanted
from styr.tasks.models import Job, JobState
from styr.tasks.queue import enqueue

pytestmark = pytest.mark.django_db


def test_it_asks_kolada_for_the_linked_measures_areas_and_plan_years() -> None:
    Metric.objects.filter(body__code="KS").update(kolada_kpi="N00901")
    kpis, areas, years = kolada_wanted()
    linked = set(Indicator.objects.filter(kolada_kpi__gt="").values_list("kolada_kpi", flat=True))
    assert linked | {"N00901"} <= set(kpis)
    # One municipality's own: its indicators and metrics (följetal) both.
    assert "N00901" in kolada_wanted("marks")[0]
    assert kolada_wanted("no-such-municipality") == ([], [], [])
    # The municipality's own area, the region and Riket, as the indicator pages compare.
    assert {"1463", "0000"} <= set(areas)
    assert years[0] == 2024 - KOLADA_HISTORY_YEARS and years[-1] >= 2024


class _Broken(BaseHTTPRequestHandler):
    """A Kolada whose data answers hold a value that is not a number."""

    paths: list[str] = []

    def do_GET(self) -> None:
        type(self).paths.append(self.path)
        parts = self.path.strip("/").split("/")
        if parts[1] == "kpi":
            values: list[Any] = []
        elif parts[1] == "municipality":
            values = [{"id": a, "title": a, "type": "K"} for a in parts[2].split(",")]
        else:
            values = [{"kpi": parts[3].split(",")[0], "municipality": "1463", "period": 2023,
                       "values": [{"gender": "T", "count": 1, "status": "", "value": "många",
                                   "isdeleted": False}]}]  # fmt: skip
        data = json.dumps({"values": values, "count": len(values), "next_url": None}).encode()
        self.send_response(200)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def broken_kolada() -> Iterator[str]:
    _Broken.paths = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Broken)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/v3"
    server.shutdown()
    server.server_close()


def test_it_fails_the_fetch_with_a_reason_and_writes_nothing(broken_kolada: str) -> None:
    before = KoladaValue.objects.count()
    job = enqueue("kolada_fetch", {"api": broken_kolada}, title="Kolada", acting_user=None)
    assert job.state == JobState.FAILED
    assert "inget skrevs" in job.error
    assert KoladaValue.objects.count() == before
    assert any(path.startswith("/v3/data/kpi/") for path in _Broken.paths)


def test_the_nightly_schedule_queues_a_fetch_from_the_configured_api(
    broken_kolada: str, settings: Any
) -> None:
    from styr.tasks.tasks import nightly_kolada

    settings.KOLADA_API_URL = broken_kolada
    nightly_kolada(timestamp=0)
    job = Job.objects.get(kind="kolada_fetch")
    assert job.created_by is None and job.state == JobState.FAILED
    assert _Broken.paths[0].startswith("/v3/kpi/")
