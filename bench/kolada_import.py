"""Kolada import rate and memory on a generated data set of Kolada's own size.

Prints figures; it asserts nothing. Run:
    .venv/bin/python bench/kolada_import.py [--values 5000000] [--database sqlite|postgresql|both]

Writes a Kolada-shaped data set to a temporary folder (one data file per KPI, as the API's
answers; 312 areas, 30 years, three genders), streamed to disk. Each import runs in a child
process on a fresh database (SQLite in the temporary folder; PostgreSQL database
styr_bench_kolada, created and dropped, when a server answers at BENCH_POSTGRES_URL), first into
an empty table and then again (a re-import, which must leave the row count as it was). The
child's peak RSS is measured at two sizes to show that memory stays flat as the data grows.
"""

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

POSTGRES = os.environ.get(
    "BENCH_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/styr_bench_kolada"
)
YEARS = range(1993, 2023)
GENDERS = ("T", "K", "M")


def _areas() -> list[tuple[str, str, str]]:
    regions = [f"00{n:02d}" for n in range(1, 26) if n not in (2, 11, 15, 16)]
    municipalities = [f"{c:02d}{m:02d}" for c in range(1, 26) for m in range(1, 15)]
    areas = [("0000", "Riket", "L")] + [(a, f"Region {a}", "L") for a in regions]
    areas += [(a, f"Kommun {a}", "K") for a in municipalities[: 312 - len(areas)]]
    return areas


def generate(folder: Path, values: int) -> int:
    """Write kpi.json, municipality.json and data/<KPI>.json; returns the values written."""
    rng = random.Random(1463)
    areas = _areas()
    per_kpi = len(areas) * len(YEARS) * len(GENDERS)
    kpis = [f"B{n:05d}" for n in range((values + per_kpi - 1) // per_kpi)]
    (folder / "data").mkdir(parents=True)
    catalogue = [
        {"id": k, "title": f"Nyckeltal {k}", "description": "Genererat", "auspice": "T",
         "municipality_type": "A", "is_divided_by_gender": 1, "operating_area": "Bench",
         "perspective": "Volymer", "publication_date": "2024-08-01",
         "prel_publication_date": None, "ou_publication_date": None, "has_ou_data": False}
        for k in kpis
    ]  # fmt: skip
    (folder / "kpi.json").write_text(json.dumps({"values": catalogue, "count": len(kpis)}))
    places = [{"id": a, "title": t, "type": k} for a, t, k in areas]
    (folder / "municipality.json").write_text(json.dumps({"values": places, "count": len(areas)}))
    written = 0
    for kpi in kpis:
        with open(folder / "data" / f"{kpi}.json", "w", encoding="utf-8") as out:
            out.write('{"values": [')
            first = True
            for area, _, _ in areas:
                for year in YEARS:
                    if written >= values:
                        break
                    parts = []
                    for gender in GENDERS:
                        value = round(rng.uniform(0, 100000), 1)
                        parts.append(
                            f'{{"gender": "{gender}", "count": 1, "status": "", '
                            f'"value": {value}, "isdeleted": false}}'
                        )
                        written += 1
                    out.write(
                        ("" if first else ", ")
                        + f'{{"kpi": "{kpi}", "municipality": "{area}", "period": {year}, '
                        f'"values": [{", ".join(parts)}]}}'
                    )
                    first = False
            out.write('], "count": 0, "next_url": null, "previous_url": null}\n')
    return written


class ChildPeak:
    """The highest peak RSS of this process's children (the process reading the files beside
    the import, styr.kolada.pipeline), from /proc (Linux).

    Not getrusage(RUSAGE_CHILDREN): Linux carries the parent's peak over into a child across
    fork and exec, so it would only repeat the parent's figure.
    """

    def __init__(self) -> None:
        self.peak_kb = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, daemon=True)
        self._thread.start()

    def _watch(self) -> None:
        me = str(os.getpid())
        while not self._stop.wait(0.2):
            for stat in Path("/proc").glob("[0-9]*/stat"):
                try:
                    if stat.read_text().rsplit(")", 1)[1].split()[1] != me:
                        continue
                    for line in (stat.parent / "status").read_text().splitlines():
                        if line.startswith("VmHWM:"):
                            self.peak_kb = max(self.peak_kb, int(line.split()[1]))
                except (OSError, IndexError, ValueError):
                    continue

    def stop(self) -> float:
        self._stop.set()
        self._thread.join()
        return self.peak_kb / 1024


def measure(folder: Path) -> None:
    """In the child: migrate a fresh database, import twice, print one JSON line."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "styr.settings")
    import django

    django.setup()
    from django.core.management import call_command

    from styr.kolada.actions import do_import_kolada
    from styr.kolada.models import KoladaValue

    call_command("migrate", verbosity=0)
    reader_peak = ChildPeak()
    figures: dict[str, float] = {}
    for label in ("first", "again"):
        start = time.perf_counter()
        summary = do_import_kolada([folder], acting_user=None)
        seconds = time.perf_counter() - start
        figures[f"{label}_rate"] = summary.values / seconds
        figures[f"{label}_seconds"] = seconds
        figures[f"{label}_rows"] = KoladaValue.objects.count()
        figures[f"{label}_added"] = summary.added
        figures[f"{label}_unchanged"] = summary.unchanged
    # ru_maxrss is in KiB on Linux.
    figures["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    figures["reader_rss_mb"] = reader_peak.stop()
    print(json.dumps(figures))


def _postgres(action: str) -> bool:
    try:
        import psycopg
    except ImportError:
        return False
    base, _, name = POSTGRES.rpartition("/")
    try:
        with psycopg.connect(f"{base}/postgres", autocommit=True, connect_timeout=3) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
            if action == "create":
                conn.execute(f'CREATE DATABASE "{name}"')
    except psycopg.OperationalError:
        return False
    return True


def run_child(folder: Path, database: str, scratch: Path) -> dict[str, float]:
    if database == "sqlite":
        db = scratch / "bench-kolada.sqlite3"
        db.unlink(missing_ok=True)
        url = f"sqlite:///{db}"
    else:
        _postgres("create")
        url = POSTGRES
    env = {**os.environ, "DATABASE_URL": url}
    child = subprocess.run(
        [sys.executable, __file__, "--measure", str(folder)],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    if database == "postgresql":
        _postgres("drop")
    result: dict[str, float] = json.loads(child.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--values", type=int, default=5_000_000)
    parser.add_argument("--database", choices=["sqlite", "postgresql", "both"], default="both")
    args = parser.parse_args()
    databases = ["sqlite", "postgresql"] if args.database == "both" else [args.database]
    if "postgresql" in databases and not _postgres("drop"):
        print(f"PostgreSQL: no server answers at {POSTGRES}; measuring SQLite only")
        databases.remove("postgresql")
    sizes = sorted({max(args.values // 5, 1000), args.values})
    with tempfile.TemporaryDirectory(prefix="styr-bench-kolada-") as tmp:
        scratch = Path(tmp)
        folders = {}
        for size in sizes:
            start = time.perf_counter()
            folder = scratch / f"set-{size}"
            written = generate(folder, size)
            mb = sum(p.stat().st_size for p in folder.rglob("*.json")) / 1e6
            files = len(list((folder / "data").iterdir()))
            print(
                f"generated {written:,} values in {files} data files ({mb:,.0f} MB) "
                f"in {time.perf_counter() - start:.1f} s"
            )
            folders[size] = folder
        for database in databases:
            peaks = []
            for size in sizes:
                f = run_child(folders[size], database, scratch)
                print(
                    f"{database:<10} {size:>10,} values: first import {f['first_rate']:>9,.0f} "
                    f"values/s ({f['first_seconds']:.1f} s), re-import "
                    f"{f['again_rate']:>9,.0f} values/s ({f['again_seconds']:.1f} s), rows "
                    f"{f['first_rows']:,.0f} -> {f['again_rows']:,.0f} "
                    f"(re-import unchanged {f['again_unchanged']:,.0f}), "
                    f"peak RSS {f['peak_rss_mb']:.0f} MB "
                    f"(reader process {f['reader_rss_mb']:.0f} MB)"
                )
                peaks.append(f"{f['peak_rss_mb']:.0f} MB at {size:,}")
            print(f"{database:<10} peak RSS: {', '.join(peaks)}")


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--measure":
        measure(Path(sys.argv[2]))
    else:
        main()
