"""Timings of the plan-file pipeline on the demo and on a synthetic municipality.

Prints figures; it asserts nothing. Run: .venv/bin/python bench/plan_files.py
(uses the database DATABASE_URL names, default a scratch SQLite file under var/bench/).
"""

import os
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("DATABASE_URL", "sqlite:///var/bench/bench.sqlite3")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "styr.settings")


def timed(label: str, fn: Callable[[], object], runs: int = 5) -> None:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    print(f"{label:<48} median {statistics.median(times) * 1000:8.1f} ms  (n={runs})")


def main() -> None:
    import django

    django.setup()
    from django.core.management import call_command

    from styr.demo.actions import demo_files, do_load_demo
    from styr.demo.generate import do_generate
    from styr.planfiles.actions import do_import_plan_files
    from styr.planfiles.check import check_plan
    from styr.planfiles.dump import dump
    from styr.planfiles.export import export_plan
    from styr.plans.models import Plan

    db = Path("var/bench/bench.sqlite3")
    if db.exists():
        db.unlink()
    call_command("migrate", verbosity=0)
    timed("demo load (first time)", lambda: do_load_demo(acting_user=None), runs=1)
    timed(
        "demo re-import (no changes)", lambda: do_import_plan_files(demo_files(), acting_user=None)
    )
    plan = Plan.objects.get(body__code="KS", year=2024)
    timed("export KS 2024 to YAML", lambda: dump(export_plan(plan)))
    timed("check KS 2024", lambda: check_plan(plan))

    start = time.perf_counter()
    result = do_generate(bodies=40, goals=50, indicators=5, years=10, acting_user=None)
    print(
        f"{'generate --bodies 40 --goals 50 --indicators 5':<48} "
        f"{(time.perf_counter() - start):8.1f} s   ({result.indicators} indicators, "
        f"{result.values} values)"
    )
    big = Plan.objects.filter(body__municipality__key="syntetisk").first()
    assert big is not None
    timed("export one synthetic plan (250 indicators)", lambda: dump(export_plan(big)), runs=3)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "big.yaml"
        path.write_text(dump(export_plan(big)), encoding="utf-8")
        size = path.stat().st_size
        timed(
            f"re-import one synthetic plan ({size // 1024} KiB)",
            lambda: do_import_plan_files([path], acting_user=None),
            runs=3,
        )


if __name__ == "__main__":
    main()
