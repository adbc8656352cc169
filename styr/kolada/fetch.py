"""Fetching Kolada answers from the live API to files, for the importer to read.

Everything is fetched first and imported afterwards in one transaction, so that a network
failure half-way leaves the database as it was. The API takes at most 25 ids in a list and
pages long answers (`next_url`); it answers 429 when asked too fast, so failed requests are
tried again politely, after Retry-After when the server says so.
"""

import json
import time
from collections.abc import Callable, Sequence
from email.utils import parsedate_to_datetime
from pathlib import Path
from urllib.error import HTTPError, URLError
from urllib.parse import urlparse
from urllib.request import Request, urlopen

MAX_IDS = 25
ATTEMPTS = 5
LONGEST_WAIT = 120.0
USER_AGENT = "Styr (planning and follow-up for Swedish municipalities; styr kolada fetch)"


class FetchError(Exception):
    """The API could not be read; nothing has been imported."""


def _groups(ids: Sequence[str]) -> list[list[str]]:
    return [list(ids[i : i + MAX_IDS]) for i in range(0, len(ids), MAX_IDS)]


def _retry_after(header: str | None) -> float | None:
    if not header:
        return None
    try:
        return max(0.0, float(header))
    except ValueError:
        pass
    try:
        return max(0.0, parsedate_to_datetime(header).timestamp() - time.time())
    except (TypeError, ValueError):
        return None


def get(url: str, *, sleep: Callable[[float], None] = time.sleep, timeout: float = 60) -> bytes:
    """One GET, tried again on 429, 5xx and connection errors with growing pauses."""
    request = Request(url, headers={"User-Agent": USER_AGENT, "Accept": "application/json"})
    problem = ""
    for attempt in range(ATTEMPTS):
        wait = 2.0**attempt
        try:
            with urlopen(request, timeout=timeout) as response:
                body: bytes = response.read()
                return body
        except HTTPError as error:
            if error.code != 429 and error.code < 500:
                raise FetchError(f"{url}: the API answered {error.code} {error.reason}") from None
            problem = f"{error.code} {error.reason}"
            asked = _retry_after(error.headers.get("Retry-After")) if error.headers else None
            wait = wait if asked is None else asked
        except (URLError, TimeoutError, ConnectionError) as error:
            problem = str(getattr(error, "reason", error))
        if attempt < ATTEMPTS - 1:
            sleep(min(wait, LONGEST_WAIT))
    raise FetchError(f"{url}: no answer after {ATTEMPTS} tries (last: {problem})")


def fetch_pages(
    *,
    kpis: Sequence[str],
    areas: Sequence[str],
    years: Sequence[int],
    base_url: str,
    folder: Path,
    sleep: Callable[[float], None] = time.sleep,
    log: Callable[[str], None] | None = None,
) -> list[Path]:
    """Fetch the KPIs' catalogue entries, the areas and their values to `folder`; the pages."""
    base = base_url.rstrip("/")
    host = urlparse(base).netloc
    pages: list[Path] = []

    def follow(url: str, stem: str) -> None:
        page = 0
        next_url: str | None = url
        while next_url:
            if urlparse(next_url).netloc != host:
                raise FetchError(f"{next_url}: a next page on another server than {base}")
            body = get(next_url, sleep=sleep)
            page += 1
            path = folder / f"{stem}-{page:03d}.json"
            path.write_bytes(body)
            pages.append(path)
            if log:
                log(f"{next_url} -> {path.name}")
            try:
                answer = json.loads(body)
            except ValueError:
                raise FetchError(f"{next_url}: the answer is not JSON") from None
            found = answer.get("next_url") if isinstance(answer, dict) else None
            next_url = found if isinstance(found, str) and found else None

    for n, group in enumerate(_groups(kpis)):
        follow(f"{base}/kpi/{','.join(group)}", f"kpi-{n:03d}")
    for n, group in enumerate(_groups(areas)):
        follow(f"{base}/municipality/{','.join(group)}", f"municipality-{n:03d}")
    year_ids = [str(y) for y in years]
    n = 0
    for kpi_group in _groups(kpis):
        for area_group in _groups(areas):
            for year_group in _groups(year_ids):
                url = (
                    f"{base}/data/kpi/{','.join(kpi_group)}/municipality/"
                    f"{','.join(area_group)}/year/{','.join(year_group)}"
                )
                follow(url, f"data-{n:03d}")
                n += 1
    return pages


def parse_years(text: str) -> list[int]:
    """'2015-2024' or '2019,2021' (or both mixed) as a list of years."""
    years: list[int] = []
    for part in text.split(","):
        part = part.strip()
        first, _, last = part.partition("-")
        try:
            low, high = int(first), int(last or first)
        except ValueError:
            raise ValueError(f"{part!r} is not a year or a range of years (2015-2024)") from None
        if not 1900 <= low <= high <= 2200:
            raise ValueError(f"{part!r} is not a range of years between 1900 and 2200")
        years.extend(range(low, high + 1))
    return sorted(set(years))
