"""Timings and memory of document rendering. Prints figures; it asserts nothing.

Run: .venv/bin/python bench/render.py
(uses a scratch SQLite database under var/bench/ unless DATABASE_URL says otherwise)

- The sample plan (the Marks demo's Nämndplan) to PDF: first render, then warm (median of 5),
  each run building the document tree from the database and laying it out.
- WeasyPrint printing our own HTML of the same document, for comparison (median of 3).
- A synthetic plan ten times the sample (`styr generate --bodies 1 --goals 30 --indicators 4
  --scale 10`: 120 indicators, 380 assignments, 90 risks, …) to PDF, in a fresh process
  whose peak resident memory is reported.
- The same synthetic plan as a background job on PostgreSQL (when a server answers at
  BENCH_POSTGRES_URL): the web side only queues it (its peak memory is reported), `styr worker`
  renders it (the job's time and the worker's peak memory are reported).
"""

import os
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("DATABASE_URL", "sqlite:///var/bench/render.sqlite3")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "styr.settings")

SYNTHETIC = {"bodies": 1, "goals": 30, "indicators": 4, "years": 10, "scale": 10}
POSTGRES = os.environ.get("BENCH_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432")


def timed(label: str, fn: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    median = statistics.median(times)
    print(f"{label:<58} median {median * 1000:8.1f} ms  (n={runs})")
    return median


def _setup() -> None:
    import django

    django.setup()


def synthetic_child() -> None:
    """Render the synthetic plan once, in this fresh process; print time and pages."""
    _setup()
    from styr.documents.produce import document_for
    from styr.documents.render.pdf import render_pdf
    from styr.plans.models import Plan

    plan = Plan.objects.get(body__municipality__key="syntetisk")
    start = time.perf_counter()
    document = document_for(plan, "namndplan")
    pdf = render_pdf(document)
    seconds = time.perf_counter() - start
    pages = pdf.count(b"/Type/Page") - pdf.count(b"/Type/Pages")
    print(f"{seconds:.3f} {len(pdf)} {pages}")


def main() -> None:
    _setup()
    from django.core.management import call_command

    from styr.demo.actions import do_load_demo
    from styr.demo.generate import do_generate
    from styr.documents.produce import document_for
    from styr.documents.render.docx import render_docx
    from styr.documents.render.html import render_html
    from styr.documents.render.pdf import render_pdf
    from styr.plans.models import Plan

    db = Path("var/bench/render.sqlite3")
    if "render.sqlite3" in os.environ["DATABASE_URL"] and db.exists():
        db.unlink()
    db.parent.mkdir(parents=True, exist_ok=True)
    call_command("migrate", verbosity=0)
    do_load_demo(acting_user=None)
    plan = Plan.objects.get(body__municipality__key="marks", body__code="KS", year=2024)

    start = time.perf_counter()
    first = render_pdf(document_for(plan, "namndplan"))
    first_ms = (time.perf_counter() - start) * 1000
    print(f"{'sample Nämndplan to PDF, first in the process':<58} {first_ms:8.1f} ms")
    ours = timed(
        "sample Nämndplan to PDF, warm (build + Typst)",
        lambda: render_pdf(document_for(plan, "namndplan")),
        runs=5,
    )
    document = document_for(plan, "namndplan")
    timed("  of which building the document tree", lambda: document_for(plan, "namndplan"), runs=5)
    timed("sample Nämndplan to DOCX (build + python-docx)",
          lambda: render_docx(document_for(plan, "namndplan")), runs=5)  # fmt: skip
    timed("sample Nämndplan to HTML (build + HTML)",
          lambda: render_html(document_for(plan, "namndplan")), runs=5)  # fmt: skip
    pages = first.count(b"/Type/Page") - first.count(b"/Type/Pages")
    print(f"{'  the sample PDF':<58} {pages} pages, {len(first) // 1024} KiB")

    try:
        from weasyprint import HTML  # type: ignore[import-untyped]
    except (ImportError, OSError) as exc:  # WeasyPrint needs Pango from the system
        print(f"WeasyPrint baseline: not available here ({exc})")
    else:
        html = render_html(document).decode("utf-8")
        theirs = timed(
            "WeasyPrint printing our HTML of the same document",
            lambda: HTML(string=html).write_pdf(),
            runs=3,
        )
        print(f"{'  WeasyPrint / ours':<58} {theirs / ours:8.1f} ×")

    do_generate(**SYNTHETIC, acting_user=None)
    big = Plan.objects.get(body__municipality__key="syntetisk")
    print(
        f"synthetic plan: {big.goals.count()} goals, "
        f"{sum(g.indicators.count() for g in big.goals.all())} indicators, "
        f"{big.assignments.count()} assignments, {SYNTHETIC['years']} years of values"
    )
    child = subprocess.run(
        [sys.executable, __file__, "--synthetic-child"],
        capture_output=True, text=True, check=True, env=os.environ.copy(),
    )  # fmt: skip
    seconds, size, big_pages = child.stdout.split()
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(
        f"{'synthetic plan (10× sample) to PDF, fresh process':<58} {float(seconds) * 1000:8.1f} ms"
        f"  ({big_pages} pages, {int(size) // 1024} KiB)"
    )
    print(f"{'  peak memory of that process (max RSS)':<58} {peak:8.1f} MB")
    in_worker()


def _styr(args: list[str], env: dict[str, str]) -> str:
    done = subprocess.run([sys.executable, "-m", "styr", *args], env=env, capture_output=True,
                          text=True, check=True)  # fmt: skip
    return done.stdout


def _peak_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


# The web's side of a background render: queue the job and report this process's peak memory.
QUEUE_RENDER = """
import resource
from styr.plans.models import Plan
from styr.tasks.queue import enqueue
plan = Plan.objects.get(body__municipality__key="syntetisk")
job = enqueue("render", {"plan": plan.pk, "template": "namndplan", "occasion": "plan",
                         "format": "pdf"}, title="bench", acting_user=None)
print(job.pk, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
"""


def in_worker() -> None:
    """The synthetic plan rendered by `styr worker` on PostgreSQL, queued by another process."""
    try:
        import psycopg

        admin = psycopg.connect(f"{POSTGRES}/postgres", autocommit=True, connect_timeout=3)
    except Exception as error:  # no server: the figure is left out, the rest stands
        print(f"background render in a worker: no PostgreSQL at {POSTGRES} ({error})")
        return
    name = "styr_bench_render"
    admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin.execute(f'CREATE DATABASE "{name}"')
    url = f"{POSTGRES}/{name}"
    env = {**os.environ, "DATABASE_URL": url, "TASK_RUNNER": "worker"}
    worker = None
    try:
        _styr(["migrate", "--noinput", "-v0"], env)
        sizes = [f"--{k}={v}" for k, v in SYNTHETIC.items()]
        _styr(["generate", *sizes], env)
        job_id, web_peak = _styr(["shell", "-c", QUEUE_RENDER], env).split()[-2:]
        worker = subprocess.Popen([sys.executable, "-m", "styr", "worker"], env=env,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
        with psycopg.connect(url, autocommit=True) as conn:
            row = None
            deadline = time.monotonic() + 600
            while row is None and time.monotonic() < deadline:
                row = conn.execute(
                    "SELECT extract(epoch FROM finished_at - started_at), state, "
                    "length(file_content) FROM tasks_job WHERE id = %s AND state IN "
                    "('done', 'failed')", [int(job_id)],
                ).fetchone()  # fmt: skip
                time.sleep(0.2)
        worker_peak = _peak_mb(worker.pid)
        if row is None:
            print("background render in a worker: not done within 10 minutes")
            return
        seconds, state, size = row
        label = "synthetic plan as a background job (styr worker, PostgreSQL)"
        kib = int(size or 0) // 1024
        print(f"{label:<58} {float(seconds) * 1000:8.1f} ms  ({state}, {kib} KiB)")
        print(f"{'  peak memory of the web process that queued it':<58} {float(web_peak):8.1f} MB")
        print(f"{'  peak memory of the worker that rendered it':<58} {worker_peak:8.1f} MB")
    finally:
        if worker is not None:
            worker.terminate()
            worker.wait(timeout=60)
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


if __name__ == "__main__":
    if "--synthetic-child" in sys.argv:
        synthetic_child()
    else:
        main()
