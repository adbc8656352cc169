"""Response times of the main pages on a large synthetic municipality. Prints figures only.

Run: .venv/bin/python bench/pages.py
It measures on SQLite (a scratch file under var/bench/) and, when a server answers, on
PostgreSQL (BENCH_POSTGRES_URL, default postgresql://postgres@127.0.0.1:5432/styr_bench, created
if missing). The municipality is `styr generate --bodies 40 --goals 50 --indicators 5
--years 10`; requests go through Django's full stack (middleware, sessions, templates) in
process, signed in as the administrator, who sees every body. Goal: p95 ≤ 150 ms.
"""

import os
import statistics
import subprocess
import sys
import time
from decimal import Decimal

RUNS = 30
POSTGRES = os.environ.get("BENCH_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/styr_bench")


def measure() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "styr.settings")
    import django

    django.setup()
    from django.contrib.auth.models import User
    from django.core.management import call_command
    from django.test import Client

    from styr.activities.actions import do_save_activity
    from styr.demo.actions import do_load_demo
    from styr.demo.generate import do_generate
    from styr.indicators.actions import do_set_indicator_value
    from styr.indicators.models import Indicator, ValueKind
    from styr.plans.models import Plan
    from styr.web.search_index import TABLE as SEARCH_TABLE

    # Migrate first: flushing an older schema would load reference data into missing columns.
    call_command("migrate", verbosity=0)
    call_command("flush", "--noinput", verbosity=0)
    do_load_demo(acting_user=None)
    do_generate(bodies=40, goals=50, indicators=5, years=10, acting_user=None)
    plan = Plan.objects.filter(body__municipality__key="syntetisk").order_by("pk")[5]
    indicator = Indicator.objects.filter(body=plan.body).order_by("pk").first()
    assert indicator is not None
    # Styrby's year: adopted tertial reports with decided versions, activities under goals.
    bun = Plan.objects.get(body__municipality__key="styrby", body__code="BUN", year=2024)
    client = Client()
    client.force_login(User.objects.get(username="admin"))
    pages = {
        "start page (41 bodies)": "/",
        "plan page (50 goals, 250 indicators)": f"/plan/{plan.pk}/",
        "chapter texts (20 texts)": f"/plan/{plan.pk}/texter/",
        "indicator page": f"/plan/{plan.pk}/indikator/{indicator.pk}/",
        "goals editor (50 goals)": f"/plan/{plan.pk}/mal/",
        "assignments editor": f"/plan/{plan.pk}/uppdrag/",
        "risk register": f"/plan/{plan.pk}/risker/",
        "budget tables": f"/plan/{plan.pk}/budget/",
        "metrics (följetal)": f"/plan/{plan.pk}/foljetal/",
        "follow-up page (interim report)": f"/plan/{plan.pk}/uppfoljning/delar/",
        "assignments, searched and sorted": f"/plan/{plan.pk}/uppdrag/?q=uppdrag&ordning=-beslut",
        "follow-up, not yet reported": f"/plan/{plan.pk}/uppfoljning/delar/?rapporterat=nej",
        "plan history (Historik)": f"/plan/{plan.pk}/historik/",
        "search across plans": "/sok/?q=uppdrag",
        "audit log, searched": "/logg/?q=syntetisk",
        "audit log, filtered by action": "/logg/?handelse=indicator_value_set&fran=2020-01-01",
        "audit log, one plan": f"/logg/?plan={plan.pk}",
        "activities (Styrby, tertial 2)": f"/plan/{bun.pk}/aktiviteter/?rapport=tertial2",
        "activities, searched and sorted": (
            f"/plan/{bun.pk}/aktiviteter/?rapport=tertial2&q=a&ordning=-status"
        ),
        "indicator table (all goals)": f"/plan/{plan.pk}/indikatorer/",
        "indicator table, filtered": f"/plan/{plan.pk}/indikatorer/?status=not_met&ordning=mal",
        "decided tertial report (version 1)": (
            f"/plan/{bun.pk}/dokument/tertialrapport/?tillfalle=tertial1"
        ),
        "compare decided version with today": (
            f"/plan/{bun.pk}/dokument/tertialrapport/jamfor/?tillfalle=tertial1"
        ),
        "report texts (Styrby, bokslut)": f"/plan/{bun.pk}/uppfoljning/bokslut/texter/",
        "reference data (scales, templates)": "/referensdata/",
    }
    engine = django.db.connection.vendor
    client.get("/")  # sessions, content types: what any first request of a process pays
    client.get(f"/plan/{plan.pk}/")

    def save(n: int) -> float:
        """An editor saves a forecast through the action; the time the save takes, in ms."""
        start = time.perf_counter()
        do_set_indicator_value(
            indicator, plan=plan, year=plan.year - 1, kind=ValueKind.FORECAST,
            value=Decimal(100 + n), acting_user=None,
        )  # fmt: skip
        return (time.perf_counter() - start) * 1000

    def timed(url: str) -> float:
        start = time.perf_counter()
        assert client.get(url).status_code == 200, url
        return (time.perf_counter() - start) * 1000

    # The goal counts are stored per plan and kept current by the save itself: the first
    # request after a change reads them as any other does.
    for n, (label, url) in enumerate((("start page", "/"), ("plan page", f"/plan/{plan.pk}/"))):
        save(1000 + n)
        first = timed(url)
        print(f"{engine:<10} {label + ', first request after a change':<40} {first:7.1f} ms")
    # Editors saving all day: each iteration saves a value, then the page is read.
    saves: list[float] = []
    for label, url in (("start page", "/"), ("plan page", f"/plan/{plan.pk}/")):
        times = []
        for n in range(RUNS):
            saves.append(save(n + 1))
            times.append(timed(url))
        _report(engine, f"{label} while editors save", times)
    _report(engine, "saving a value (the action)", saves)
    # On SQLite the first search of all builds the search index (FTS5); after that triggers
    # keep it current, so a search right after a change costs what any search does. (The
    # index outlives `flush`, kept by its triggers: drop it to measure a build.)
    if engine == "sqlite":
        with django.db.connection.cursor() as cursor:
            cursor.execute(f"DROP TABLE IF EXISTS {SEARCH_TABLE}")
    start = time.perf_counter()
    client.get("/sok/?q=uppdrag")
    cold = (time.perf_counter() - start) * 1000
    print(f"{engine:<10} {'search, the very first (builds index)':<40} {cold:7.1f} ms")
    do_save_activity(plan, None, {"title": "Inventera uppdragen"}, acting_user=None)
    start = time.perf_counter()
    client.get("/sok/?q=uppdrag")
    after = (time.perf_counter() - start) * 1000
    print(f"{engine:<10} {'search, first request after a change':<40} {after:7.1f} ms")
    _portal(engine, plan)
    for label, url in pages.items():
        assert client.get(url).status_code == 200, url  # warm
        times = []
        for _ in range(RUNS):
            start = time.perf_counter()
            client.get(url)
            times.append((time.perf_counter() - start) * 1000)
        _report(engine, label, times)


def _portal(engine: str, plan: "Plan") -> None:  # type: ignore[name-defined]  # noqa: F821
    """The open portal, read by residents (no sign-in) on the synthetic plan once adopted:
    each page built anew (the first request after any change) and from the cache."""
    from datetime import date

    from django.core.cache import cache
    from django.test import Client

    from styr.plans.actions import do_change_plan_state

    if plan.state == "draft":
        # The decision builds and stores each document of the plan twice: as decided and in
        # its public edition.
        start = time.perf_counter()
        do_change_plan_state(
            plan, "adopt", acting_user=None, adopted_on=date(plan.year - 1, 11, 30),
            adopted_minute="§ 1",
        )  # fmt: skip
        _report(engine, "adopting the plan (both editions frozen)",
                [(time.perf_counter() - start) * 1000])  # fmt: skip
    body, municipality = plan.body, plan.body.municipality
    base = f"/oppen/{municipality.key}/{body.code}/{plan.year}/"
    goal = plan.goals.order_by("position").first()
    indicator = goal.indicators.first() if goal is not None else None
    assignment = plan.assignments.order_by("position").first()
    assert goal is not None and indicator is not None and assignment is not None
    portal = {
        "portal: municipality": f"/oppen/{municipality.key}/",
        "portal: plan (50 goals)": base,
        "portal: goal": f"{base}mal/{goal.key}/",
        "portal: indicator": f"/oppen/{municipality.key}/{body.code}/indikator/{indicator.key}/",
        "portal: assignment": f"{base}uppdrag/{assignment.key}/",
    }
    from styr.documents.models import DocumentVersion

    version = DocumentVersion.objects.filter(occasion__plan=plan).first()
    if version is not None:
        portal["portal: decided document, public edition"] = f"{base}dokument/{version.pk}/"
    resident = Client()
    for label, url in portal.items():
        for cached in (False, True):
            assert resident.get(url, secure=True).status_code == 200, url  # warm
            times = []
            for _ in range(RUNS):
                if not cached:
                    cache.clear()
                start = time.perf_counter()
                resident.get(url, secure=True)
                times.append((time.perf_counter() - start) * 1000)
            _report(engine, f"{label}, {'cached' if cached else 'built'}", times)
    # The API's list endpoints, read as the portal does (no token; never cached). Its rate
    # limit is for callers, not for this measurement.
    from django.conf import settings

    settings.API_RATE_ANONYMOUS = "1000000/m"
    api = {
        "api: plans of a municipality": f"/api/plans?municipality={municipality.key}",
        "api: goals of a plan (50 goals)": f"/api/plans/{plan.pk}/goals",
        "api: assignments of a plan": f"/api/plans/{plan.pk}/assignments",
    }
    for label, url in api.items():
        assert resident.get(url, secure=True).status_code == 200, url  # warm
        times = []
        for _ in range(RUNS):
            start = time.perf_counter()
            resident.get(url, secure=True)
            times.append((time.perf_counter() - start) * 1000)
        _report(engine, label, times)


def _report(engine: str, label: str, times: list[float]) -> None:
    times = sorted(times)
    p95 = times[int(0.95 * (len(times) - 1))]
    median = statistics.median(times)
    print(f"{engine:<10} {label:<40} median {median:7.1f} ms   p95 {p95:7.1f} ms")


def _postgres_ready() -> bool:
    try:
        import psycopg
    except ImportError:
        return False
    base, _, name = POSTGRES.rpartition("/")
    try:
        with psycopg.connect(f"{base}/postgres", autocommit=True, connect_timeout=3) as conn:
            exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
            if not exists:
                conn.execute(f'CREATE DATABASE "{name}"')
    except psycopg.OperationalError:
        return False
    return True


def main() -> None:
    os.makedirs("var/bench", exist_ok=True)
    targets = {"SQLite": "sqlite:///var/bench/pages.sqlite3"}
    if _postgres_ready():
        targets["PostgreSQL"] = POSTGRES
    else:
        print(f"PostgreSQL: no server answers at {POSTGRES}; measured SQLite only")
    for url in targets.values():
        # The test client's host name; templates are not instrumented as in tests.
        env = {**os.environ, "DATABASE_URL": url, "DEBUG": "false", "ALLOWED_HOSTS": "testserver",
               "PLAIN_HTTP": "true"}  # fmt: skip
        subprocess.run([sys.executable, __file__, "--measure"], env=env, check=True)


if __name__ == "__main__":
    if "--measure" in sys.argv:
        measure()
    else:
        main()
