"""Many users at once against Styr as it runs in production. Prints figures; asserts nothing.

Run: .venv/bin/python bench/load.py                      (100 users for 2 minutes, 4 workers)
     .venv/bin/python bench/load.py --users 30 --run-time 20s
     .venv/bin/python bench/load.py --workers 1,2,4     (the same load once per worker count)

It creates a PostgreSQL database (BENCH_LOAD_POSTGRES_URL, default
postgresql://postgres@127.0.0.1:5432/styr_bench_load, dropped first if it is there), migrates
it, loads the demo and the large synthetic municipality bench/pages.py measures (`styr
generate --bodies 40 --goals 50 --indicators 5 --years 10`) and makes the accounts: readers
(half of one body, half of the executive board's oversight, who see all 40), editors of one
body each and reporters of a few assignments and goals each. It collects the static files and
starts gunicorn as `make serve` does, with the production environment of docs/production.md
(DEBUG off, its own SECRET_KEY, HTTPS behind a proxy: each request says
`X-Forwarded-Proto: https`), and waits for /health/. Then locust (bench/locustfile.py, which
says what each persona does) runs headless on the same machine: `--users` users started at
`--spawn-rate` a second, each waiting `--think` seconds between clicks (default 1 to 5: busy
users; `--think 5,15` is a calmer office). Once every user has signed in, `--warm-up` (30 s)
passes before the figures start: a hundred sign-ins (argon2, a cost paid once a session) leave
the server a queue of some seconds to work off, and each worker's caches are cold. Then the
figures are taken for `--run-time` (2 minutes). `--keep` keeps the database and the logs
(gunicorn's, locust's) to look into errors.

For each kind of request and in total:
requests a second, the 50th, 95th and 99th percentile of the response time, errors (any
answer but the expected one, or no answer) and conflicts (409: someone else saved the item
first; no two accounts save the same item, so none are expected). The start page is reported
apart for the requests made within two seconds of a save: every save is a change, so the
start page's cached roll-up is out of date and each worker computes it again.

Where the limit is: twice a second it samples the CPU time of gunicorn's processes, of the
PostgreSQL connections to the bench's database, of PostgreSQL as a whole (other databases on
the server included), of locust itself and of the whole machine (/proc), and what those
connections are doing (pg_stat_activity: running a statement, waiting for a lock, idle).
Locust shares the machine's cores with the server; it uses FastHttpUser to take little of
them. The goal (issue 12): no errors and p95 ≤ 250 ms with 100 users and 4 workers on a
2-core machine. Everything started is stopped and the database dropped at the end, also on
Ctrl-C or an error.
"""

import argparse
import csv
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from types import FrameType
from typing import Any

import psycopg
from load_usage import CORES, OURS, Sampler, Usage

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
POSTGRES = os.environ.get(
    "BENCH_LOAD_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/styr_bench_load"
)
# The municipality bench/pages.py measures.
SIZE = {"bodies": 40, "goals": 50, "indicators": 5, "years": 10}
# Per body, the first assignments and goals are the reporters'; the rest are the editors'.
REPORTED_ASSIGNMENTS = 10
REPORTED_GOALS = 5


# --- The database, the municipality and the accounts ---------------------------------------


def _admin_url(url: str) -> tuple[str, str]:
    """The server's maintenance database and the bench database's name."""
    base, _, name = url.rpartition("/")
    if not re.fullmatch(r"[a-z_][a-z0-9_]*", name):
        raise SystemExit(f"bench/load.py: {name!r} is not a plain database name")
    return f"{base}/postgres", name


def create_database(url: str) -> None:
    admin, name = _admin_url(url)
    with psycopg.connect(admin, autocommit=True, connect_timeout=5) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def drop_database(url: str) -> None:
    admin, name = _admin_url(url)
    with psycopg.connect(admin, autocommit=True, connect_timeout=5) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def production_env(home: Path, url: str) -> dict[str, str]:
    """docs/production.md's environment for gunicorn behind a TLS proxy on this machine."""
    env = {k: v for k, v in os.environ.items() if k not in {"PLAIN_HTTP", "DEBUG"}}
    env.update({
        "STYR_HOME": str(home), "DATABASE_URL": url, "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "127.0.0.1", "STATIC_COLLECTED": "true",
        "DJANGO_SETTINGS_MODULE": "styr.settings",
    })  # fmt: skip
    return env


def prepare(users: int, password: str) -> dict[str, Any]:
    """Migrate, generate the municipality, make the accounts, collect the static files.

    Runs in this process with the production environment already in os.environ. Returns what
    bench/locustfile.py needs: the accounts and what each may save."""
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password
    from django.core.management import call_command
    from django.db import connections

    from styr.access.models import Grant, Role
    from styr.assignments.models import Assignment
    from styr.demo.actions import do_load_demo
    from styr.demo.generate import KEY, do_generate
    from styr.indicators.models import GoalIndicator
    from styr.organisation.models import Municipality
    from styr.plans.models import Plan
    from styr.scales.models import Scale
    from styr.steering.models import CommitteeGoal

    call_command("migrate", verbosity=0)
    do_load_demo(acting_user=None)
    do_generate(**SIZE, acting_user=None)
    municipality = Municipality.objects.get(key=KEY)
    plans = list(Plan.objects.filter(body__municipality=municipality).order_by("body__position"))
    goals = {p.pk: list(p.goals.order_by("position").values_list("pk", flat=True)) for p in plans}
    assignments = {
        p.pk: list(p.assignments.order_by("position").values_list("pk", flat=True)) for p in plans
    }
    indicators_of: dict[int, list[int]] = {}
    for goal_id, indicator_id in GoalIndicator.objects.filter(goal__plan__in=plans).values_list(
        "goal_id", "indicator_id"
    ):
        indicators_of.setdefault(goal_id, []).append(indicator_id)

    user_model = get_user_model()
    hashed = make_password(password)  # one hash for all: argon2 takes a while per account

    def accounts(persona: str) -> list[Any]:
        user_model.objects.bulk_create(
            user_model(username=f"bench-{persona}-{i:03d}", password=hashed) for i in range(users)
        )
        return list(
            user_model.objects.filter(username__startswith=f"bench-{persona}-").order_by("username")
        )

    def share(items: list[int], nth: int, of: int) -> list[int]:
        """The nth of `of` accounts' own items: disjoint, so that no two save the same."""
        return items[nth::of] or [items[nth % len(items)]]

    readers, editors, reporters = accounts("reader"), accounts("editor"), accounts("reporter")
    grants: list[Grant] = []
    personas: dict[str, list[dict[str, Any]]] = {"readers": [], "editors": [], "reporters": []}
    for i, user in enumerate(readers):
        if i % 2 == 0:
            grants.append(Grant(user=user, municipality=municipality, role=Role.OVERSIGHT))
            shown = [p.pk for p in plans]
        else:
            plan = plans[i % len(plans)]
            grants.append(Grant(user=user, municipality=municipality, body=plan.body,
                                role=Role.READER))  # fmt: skip
            shown = [plan.pk]
        personas["readers"].append({"username": user.username, "plans": shown})
    for persona, role, people in (("editors", Role.EDITOR, editors),
                                  ("reporters", Role.REPORTER, reporters)):  # fmt: skip
        for i, user in enumerate(people):
            plan = plans[i % len(plans)]
            # This account is the nth of `of` of its persona on the body.
            nth, of = i // len(plans), len(range(i % len(plans), users, len(plans)))
            grants.append(Grant(user=user, municipality=municipality, body=plan.body, role=role))
            if role == Role.EDITOR:
                own_goals = share(goals[plan.pk][REPORTED_GOALS:], nth, of)
                own_assignments = share(assignments[plan.pk][REPORTED_ASSIGNMENTS:], nth, of)
                own_indicators = share(
                    [n for g in goals[plan.pk][REPORTED_GOALS:] for n in indicators_of[g]], nth, of
                )
            else:
                own_goals = share(goals[plan.pk][:REPORTED_GOALS], nth, of)
                own_assignments = share(assignments[plan.pk][:REPORTED_ASSIGNMENTS], nth, of)
                own_indicators = [n for g in own_goals for n in indicators_of[g]]
                CommitteeGoal.objects.filter(pk__in=own_goals).update(reporter=user)
                Assignment.objects.filter(pk__in=own_assignments).update(reporter=user)
            personas[persona].append({
                "username": user.username, "plan": plan.pk, "goals": own_goals,
                "assignments": own_assignments, "indicators": own_indicators,
            })  # fmt: skip
    Grant.objects.bulk_create(grants)

    def keys(scale: str) -> list[str]:
        options = Scale.objects.current(scale, municipality).options.all()
        return [str(k) for k in options.values_list("key", flat=True)]

    made = {
        **personas,
        "password": password,
        "year": plans[0].year,
        "occasion": "delar",
        "statuses": keys("assignment-status"),
        "fulfilments": keys("goal-fulfilment"),
        "indicators": {
            str(p.pk): [n for g in goals[p.pk] for n in indicators_of[g]] for p in plans
        },
    }
    call_command("collectstatic", "--noinput", verbosity=0)
    # The planner's statistics, as a database in use has them (autovacuum gathers them some
    # time after a bulk load; without them it joins ten thousand indicators by hash).
    with connections["default"].cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    connections.close_all()  # the server's workers are the database's only clients
    return made


# --- The server -----------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_gunicorn(
    env: dict[str, str], workers: int, port: int, log: Path
) -> subprocess.Popen[bytes]:
    """gunicorn as `make serve` starts it; returns once /health/ answers."""
    with log.open("ab") as out:
        process = subprocess.Popen(
            [str(BIN / "gunicorn"), "styr.wsgi", "--bind", f"127.0.0.1:{port}",
             "--workers", str(workers), "--access-logfile", "-",
             "--access-logformat", '%(h)s "%(r)s" %(s)s %(b)s %(M)sms %({x-request-id}o)s',
             "--error-logfile", "-", "--forwarded-allow-ips", "127.0.0.1"],
            env=env, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
    deadline = time.monotonic() + 120
    while True:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/health/", timeout=2) as answer:
                if answer.status == 200:
                    return process
        except OSError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            stop(process)
            raise SystemExit("gunicorn did not start:\n" + tail(log, 30))
        time.sleep(0.1)


def stop(process: subprocess.Popen[bytes] | None) -> None:
    if process is None or process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def tail(path: Path, lines: int) -> str:
    if not path.exists():
        return ""
    return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])


# --- The load -------------------------------------------------------------------------------


@dataclass
class Row:
    name: str
    count: int
    rps: float
    p50: float
    p95: float
    p99: float
    errors: int
    conflicts: int = 0


@dataclass
class Result:
    workers: int
    rows: list[Row]
    total: Row
    usage: Usage
    saves: int
    start_while_saving: list[float]
    start_otherwise: list[float]
    failures: list[tuple[str, str, int]]
    server_errors: list[str]


def seconds(text: str) -> float:
    """A time as locust writes it ("2m", "30s", "1m30s", "1h") in seconds."""
    parts = re.fullmatch(r"(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s?)?", text.strip())
    if not text.strip() or parts is None:
        raise ValueError(text)
    hours, minutes, secs = (int(p or 0) for p in parts.groups())
    return hours * 3600 + minutes * 60 + secs


def run_locust(args: argparse.Namespace, workers: int, env: dict[str, str], home: Path) -> Result:
    folder = home / f"workers-{workers}"
    folder.mkdir()
    port = free_port()
    gunicorn_log, locust_log = folder / "gunicorn.log", folder / "locust.log"
    extra, running = folder / "extra.json", folder / "extra.json.running"
    gunicorn = locust = None
    try:
        gunicorn = start_gunicorn(env, workers, port, gunicorn_log)
        locust_env = {**os.environ, "STYR_LOAD_PERSONAS": str(home / "personas.json"),
                      "STYR_LOAD_EXTRA": str(extra), "STYR_LOAD_THINK": args.think,
                      "STYR_LOAD_WARM_UP": str(args.warm_up),
                      "STYR_LOAD_MEASURED": str(args.run_time)}  # fmt: skip
        print(f"{workers} worker(s): {args.users} users signing in, {args.warm_up:.0f} s of "
              f"warm-up, {args.run_time:.0f} s measured …", flush=True)  # fmt: skip
        with locust_log.open("ab") as out:
            locust = subprocess.Popen(
                [str(BIN / "locust"), "-f", str(ROOT / "bench" / "locustfile.py"), "--headless",
                 "--host", f"http://127.0.0.1:{port}", "--users", str(args.users),
                 "--spawn-rate", str(args.spawn_rate),
                 # The locustfile ends the run after the measured time; this only stops a run
                 # whose users never all sign in.
                 "--run-time", f"{args.warm_up + args.run_time + 600:.0f}s",
                 "--only-summary", "--csv", str(folder / "locust"),
                 "--exit-code-on-error", "0", "--stop-timeout", "10"],
                env=locust_env, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT,
                start_new_session=True,
            )  # fmt: skip
        admin, database = _admin_url(POSTGRES)
        sampler = Sampler(admin, database, gunicorn.pid, locust.pid, running)
        sampler.start()
        locust.wait()
        sampler.done.set()
        sampler.join()
    finally:
        stop(locust)
        stop(gunicorn)
    stats = folder / "locust_stats.csv"
    if not stats.exists() or not extra.exists():
        raise SystemExit("locust did not finish:\n" + tail(locust_log, 30))
    return _result(workers, folder, sampler.usage, json.loads(extra.read_text()), gunicorn_log)


def _result(
    workers: int, folder: Path, usage: Usage, extra: dict[str, Any], gunicorn_log: Path
) -> Result:
    conflicts: dict[str, int] = extra["conflicts"]
    rows = []
    with (folder / "locust_stats.csv").open() as file:
        for line in csv.DictReader(file):
            if line["Request Count"] == "0":
                continue  # requests made only before every user had signed in
            rows.append(Row(
                name=line["Name"], count=int(line["Request Count"]),
                rps=float(line["Requests/s"]), p50=float(line["50%"]), p95=float(line["95%"]),
                p99=float(line["99%"]), errors=int(line["Failure Count"]),
                conflicts=conflicts.get(line["Name"], 0),
            ))  # fmt: skip
    nan = float("nan")
    total = next((r for r in rows if r.name == "Aggregated"), Row("", 0, 0.0, nan, nan, nan, 0))
    total.name, total.conflicts = "total", sum(conflicts.values())
    with (folder / "locust_failures.csv").open() as file:
        failures = [(f["Name"], f["Error"], int(f["Occurrences"])) for f in csv.DictReader(file)]
    server_errors = [
        _error_line(line)
        for line in gunicorn_log.read_text(errors="replace").splitlines()
        if '"level": "ERROR"' in line or "Traceback" in line or "[CRITICAL]" in line
    ]
    samples = extra["start_page"]
    return Result(
        workers=workers,
        rows=sorted((r for r in rows if r is not total), key=lambda r: -r.count),
        total=total, usage=usage, saves=extra["saves"],
        start_while_saving=sorted(ms for ms, saving in samples if saving),
        start_otherwise=sorted(ms for ms, saving in samples if not saving),
        failures=failures, server_errors=server_errors,
    )  # fmt: skip


# --- The figures ----------------------------------------------------------------------------


def _error_line(line: str) -> str:
    """A logged error as its message and the exception it ended in (the traceback's last
    line), not the start of the JSON object."""
    try:
        entry = json.loads(line)
    except ValueError:
        return line[:300]
    last = (entry.get("traceback") or "").strip().splitlines()[-1:] or [""]
    return f"{entry.get('message', '')[:150]} – {last[0][:300]}"


def percentile(sorted_times: list[float], p: float) -> float:
    if not sorted_times:
        return float("nan")
    return sorted_times[min(len(sorted_times) - 1, int(p / 100 * len(sorted_times)))]


def report(result: Result) -> None:
    print(f"\n{result.workers} worker(s), after every user had signed in and the warm-up")
    header = f"{'request':<24} {'count':>7} {'req/s':>7} {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7}"
    print(f"{header} {'errors':>6} {'409':>4}")
    for row in [*result.rows, result.total]:
        print(f"{row.name:<24} {row.count:>7} {row.rps:>7.1f} {row.p50:>7.0f} {row.p95:>7.0f} "
              f"{row.p99:>7.0f} {row.errors:>6} {row.conflicts:>4}")  # fmt: skip
    seconds = result.usage.seconds or float("nan")
    print(f"\nsaves that went through: {result.saves} ({result.saves / seconds:.1f}/s)")
    for label, times in (("start page, ≤ 2 s after a save", result.start_while_saving),
                         ("start page, no save in 2 s", result.start_otherwise)):  # fmt: skip
        if times:
            p50, p95, p99 = (percentile(times, p) for p in (50, 95, 99))
            print(f"{label:<32} n={len(times):<5} p50 {p50:6.0f} ms  p95 {p95:6.0f} ms  "
                  f"p99 {p99:6.0f} ms")  # fmt: skip
    for name, error, count in sorted(result.failures, key=lambda f: -f[2])[:8]:
        print(f"error: {name}: {error} ×{count}")
    for line in result.server_errors[:5]:
        print(f"server: {line}")
    usage = result.usage
    if not usage.samples:
        return
    print(f"\nCPU, in cores of {CORES} (mean over {usage.seconds:.0f} s):")
    for group, used in usage.cpu.items():
        print(f"  {group:<36} {used / seconds:5.2f}")
    print(f"  {'other processes':<36} {others(usage):5.2f}")
    if result.total.rps:
        app, db = (usage.cpu[g] / seconds / result.total.rps * 1000 for g in ("gunicorn", OURS))
        most = CORES * 1000 / (app + db)
        print(f"CPU a request: gunicorn {app:.0f} ms, PostgreSQL {db:.0f} ms; {CORES} cores "
              f"serve at most some {most:.0f} requests/s of this mix")  # fmt: skip
    states = sum(usage.states.values()) or 1
    connections = states / usage.samples
    print(f"the bench's {connections:.1f} database connections, on average:")
    for state in ("running a statement", "waiting for a lock", "idle in a transaction", "idle"):
        print(f"  {state:<36} {usage.states[state] / usage.samples:5.2f}")
    print(limit(result))


def others(usage: Usage) -> float:
    """Cores used by what is neither the server, its database nor locust (other work)."""
    ours = usage.cpu["gunicorn"] + usage.cpu["postgres, all"] + usage.cpu["locust"]
    return max(0.0, usage.cpu["the whole machine"] - ours) / usage.seconds


def limit(result: Result) -> str:
    """Where the limit is, read off the samples."""
    verdict = _limit(result)
    if others(result.usage) >= 0.2:
        verdict += (
            f"\nnote: other processes took {others(result.usage):.2f} cores during the run; "
            "these figures are not the server's alone"
        )
    return verdict


def _limit(result: Result) -> str:
    usage, seconds = result.usage, result.usage.seconds
    machine = usage.cpu["the whole machine"] / seconds
    gunicorn = usage.cpu["gunicorn"] / seconds
    database = usage.cpu[OURS] / seconds
    locks = usage.states["waiting for a lock"] / usage.samples
    busy = f"the machine's CPU is {100 * machine / CORES:.0f}% busy"
    if locks >= 0.5:
        return f"limit: locks ({locks:.1f} connections wait for one on average); {busy}"
    if machine >= 0.85 * CORES:
        where = "gunicorn (Python)" if gunicorn >= database else "PostgreSQL"
        return f"limit: CPU ({busy}, most of it in {where})"
    # A worker is occupied while it computes and while it waits on its database connection.
    waiting = usage.states["running a statement"] + usage.states["idle in a transaction"]
    occupied = gunicorn + waiting / usage.samples
    if occupied >= 0.85 * result.workers:
        return (
            f"limit: the {result.workers} worker(s), each occupied all the time ({occupied:.2f} "
            f"of {result.workers}, computing or waiting on the database); {busy}"
        )
    return f"no limit reached: {busy}; the server keeps up with this load"


def sweep(results: list[Result]) -> None:
    """How throughput grows with workers: one line a run."""
    print("\nworkers   req/s  p50 ms  p95 ms  p99 ms  errors  start p95   CPU: gunicorn  postgres"
          "  locust  others")  # fmt: skip
    for r in results:
        s = r.usage.seconds or float("nan")
        cpu = r.usage.cpu
        t, start = r.total, percentile(r.start_while_saving, 95)
        print(f"{r.workers:>7} {t.rps:>7.1f} {t.p50:>7.0f} {t.p95:>7.0f} {t.p99:>7.0f} "
              f"{t.errors:>7} {start:>10.0f} {cpu['gunicorn'] / s:>14.2f} {cpu[OURS] / s:>9.2f} "
              f"{cpu['locust'] / s:>7.2f} {others(r.usage):>7.2f}")  # fmt: skip
    print(f"(start p95: the start page within 2 s of a save, ms; CPU in cores of {CORES})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--workers", default="4", help="gunicorn workers, or a list: 1,2,4")
    parser.add_argument("--users", type=int, default=100)
    parser.add_argument("--spawn-rate", type=float, default=10, help="users started a second")
    parser.add_argument("--run-time", default="2m", help="each run's measured time: 20s, 2m …")
    parser.add_argument(
        "--warm-up", default="30s", help="time between the last sign-in and the figures: 30s …"
    )
    parser.add_argument("--think", default="1,5", help="seconds between a user's clicks: MIN,MAX")
    parser.add_argument(
        "--keep", action="store_true", help="keep the database and the logs (to look into errors)"
    )
    args = parser.parse_args()
    for option in ("run_time", "warm_up"):
        try:
            setattr(args, option, seconds(getattr(args, option)))
        except ValueError:
            parser.error(f"--{option.replace('_', '-')}: {getattr(args, option)!r} is not a time "
                         "such as 30s, 2m or 1m30s")  # fmt: skip
    counts = [int(n) for n in args.workers.split(",")]

    def interrupted(signum: int, frame: FrameType | None) -> None:
        raise KeyboardInterrupt

    # Ctrl-C and a plain kill both stop everything and drop the database.
    signal.signal(signal.SIGTERM, interrupted)
    signal.signal(signal.SIGINT, interrupted)
    (ROOT / "var" / "bench").mkdir(parents=True, exist_ok=True)
    home = Path(tempfile.mkdtemp(prefix="load-", dir=ROOT / "var" / "bench"))
    created = False
    try:
        env = production_env(home, POSTGRES)
        os.environ.update(env)
        print(f"building the database {_admin_url(POSTGRES)[1]} …", flush=True)
        started = time.perf_counter()
        create_database(POSTGRES)
        created = True
        personas = prepare(args.users, secrets.token_urlsafe(16))
        (home / "personas.json").write_text(json.dumps(personas))
        print(f"built in {time.perf_counter() - started:.0f} s", flush=True)
        results = []
        for workers in counts:
            results.append(run_locust(args, workers, env, home))
            report(results[-1])
        if len(results) > 1:
            sweep(results)
    except KeyboardInterrupt:
        print("\ninterrupted; stopping", file=sys.stderr)
    finally:
        if args.keep:
            print(f"kept: the database {_admin_url(POSTGRES)[1]} and the logs in {home}")
        else:
            if created:
                drop_database(POSTGRES)
            shutil.rmtree(home, ignore_errors=True)


if __name__ == "__main__":
    main()
