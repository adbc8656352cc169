"""`styr kolada fetch` pages through next_url, waits on 429 and imports what it fetched.

The API is a local http.server on 127.0.0.1: tests never reach the network.
"""

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from styr.kolada.models import KoladaValue
from styr.kolada.tests.helpers import AREAS, KPIS, answer, record, value

pytestmark = pytest.mark.django_db


class _Kolada(BaseHTTPRequestHandler):
    requests: list[tuple[str, str]] = []
    busy_once = True

    def do_GET(self) -> None:
        type(self).requests.append((self.path, self.headers.get("User-Agent", "")))
        if self.path.startswith("/v3/data/") and type(self).busy_once:
            type(self).busy_once = False
            self.send_response(429)
            self.send_header("Retry-After", "0")
            self.end_headers()
            return
        base = f"http://127.0.0.1:{self.server.server_address[1]}/v3"  # type: ignore[index]
        body: dict[str, Any]
        if self.path.startswith("/v3/kpi/"):
            body = answer(KPIS)
        elif self.path.startswith("/v3/municipality/"):
            body = answer(AREAS)
        elif self.path.endswith("?page=2"):
            body = answer([record(period=2022, values=[value("T", 35500.0)])])
        else:
            body = answer([record(), record(period=2020, values=[value("T", None)])])
            body["next_url"] = (
                f"{base}/data/kpi/N01951/municipality/1463/year/2020,2021,2022?page=2"
            )
        data = json.dumps(body).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def api() -> Iterator[str]:
    _Kolada.requests, _Kolada.busy_once = [], True
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Kolada)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/v3"
    server.shutdown()
    server.server_close()


def test_it_follows_next_url_and_retries_after_429(api: str) -> None:
    out = StringIO()
    call_command("kolada", "fetch", "--kpi", "N01951", "--municipality", "1463",
                 "--years", "2020-2022", "--api", api, stdout=out)  # fmt: skip
    paths = [path for path, _ in _Kolada.requests]
    assert paths == [
        "/v3/kpi/N01951",
        "/v3/municipality/1463",
        "/v3/data/kpi/N01951/municipality/1463/year/2020,2021,2022",  # 429
        "/v3/data/kpi/N01951/municipality/1463/year/2020,2021,2022",
        "/v3/data/kpi/N01951/municipality/1463/year/2020,2021,2022?page=2",
    ]
    assert all(agent.startswith("Styr") for _, agent in _Kolada.requests)
    values = dict(
        KoladaValue.objects.for_kpi("N01951").for_area("1463").values_list("year", "value")
    )
    assert values == {2021: 35201, 2022: 35500}  # 2020 is null in Kolada: no value, not zero
    assert "Värden: 2 lästa, 2 nya" in out.getvalue()


def test_it_asks_for_at_most_25_ids_at_a_time(api: str) -> None:
    areas = ",".join(f"{1400 + n}" for n in range(30))
    # The test server knows only a few areas, so the import is refused.
    with pytest.raises(CommandError, match="nothing was written"):
        call_command("kolada", "fetch", "--kpi", "N01951", "--municipality", areas,
                     "--years", "2021", "--api", api, stdout=StringIO(),
                     stderr=StringIO())  # fmt: skip
    area_requests = [p for p, _ in _Kolada.requests if p.startswith("/v3/municipality/")]
    assert [len(p.rsplit("/", 1)[1].split(",")) for p in area_requests] == [25, 5]
