"""Kolada import rate and memory on a generated data set of Kolada's own size and shape.

Prints figures; it asserts nothing. Run:
    .venv/bin/python bench/kolada_import.py [--shape real|uniform] [--kpis 2039]
        [--values 5000000] [--database sqlite|postgresql|both]

--shape real (the default) is Kolada's real dump: one data file per KPI (as the API answers
/v3/data/kpi/{id}) for the shipped catalogue's 2,039 KPIs (--kpis fewer, or more made up in their
likeness), its 312 areas (each KPI's by its municipality_type), years 1994-2022 (most KPIs
start later), genders T, K and M only for KPIs divided by gender (the others T only), about 22 %
of values null, many numbers with more than six decimals: about 25 million values, 20 million
of them numbers, 3 GB of JSON. --shape uniform is the older, simpler set: --values values in
files of 312 areas x 30 years x 3 genders, no nulls, one decimal.

The data set is streamed to disk in a temporary folder. Each import runs in a child process on a
fresh database (SQLite in the temporary folder; PostgreSQL database styr_bench_kolada, created
and dropped, when a server answers at BENCH_POSTGRES_URL), first into an empty table and then
again (a re-import, which must leave the row count as it was). Rates count the numbers stored
(a null is read but stored as no row). The child's peak RSS, and that of the process reading
the files beside it, are measured at two sizes (a fifth and all of the KPIs or values) to show
that memory stays flat as the data grows.
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
    """The uniform shape: kpi.json, municipality.json and data/<KPI>.json, every key given,
    three genders, one decimal; returns the values written."""
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


# The real shape, from Kolada's own dump (the shipped catalogues and data files, and the
# samples in shared/data/kolada): years 1994-2022, a KPI's areas by its municipality_type
# (K: Riket and the 290 municipalities, L: Riket and the 21 regions, A: all 312), genders T, K
# and M only where the KPI is divided by gender, about 22 % of values null, and numbers of
# four kinds (counts, shares with one decimal, shares and ratios with seven to seventeen
# significant decimals, tiny shares such as 7.355e-05).
REAL_YEARS = range(1994, 2023)
REAL_NULLS = 0.22
SHIPPED = Path(__file__).resolve().parent.parent / "styr" / "kolada" / "data"


def _number(rng: random.Random, kind: int) -> str:
    """One number as Kolada writes it (Python's repr is JSON's shortest round trip too)."""
    if kind == 0:  # a count: 35201.0
        return repr(float(rng.randrange(0, 500_000)))
    if kind == 1:  # a share, one decimal: 83.6
        return repr(round(rng.uniform(0, 100), 1))
    if kind == 2:  # a share or ratio with many decimals: 66.7145932, 83.61861234567891
        return repr(round(rng.uniform(0, 100), rng.choice((7, 8, 8, 10, 17))))
    return repr(round(rng.uniform(0, 0.0002), 9))  # a tiny share: 7.355e-05


def generate_real(folder: Path, kpis: int) -> tuple[int, int]:
    """The real shape for the first `kpis` KPIs of the shipped catalogue (in a fixed random
    order, so a smaller set is part of a bigger one); (values written, of which null)."""
    import gzip

    catalogue = json.loads(gzip.decompress((SHIPPED / "kpi.json.gz").read_bytes()))["values"]
    places = json.loads(gzip.decompress((SHIPPED / "municipality.json.gz").read_bytes()))
    (folder / "data").mkdir(parents=True)
    (folder / "kpi.json").write_text(json.dumps({"values": catalogue, "count": len(catalogue)}))
    (folder / "municipality.json").write_text(json.dumps(places))
    areas = [p["id"] for p in places["values"]]
    regions = [a for a, p in zip(areas, places["values"], strict=True) if p["type"] == "L"]
    by_type = {"A": areas, "K": ["0000"] + [a for a in areas if a not in regions], "L": regions}
    order = sorted(catalogue, key=lambda k: k["id"])
    random.Random(1463).shuffle(order)
    # Past the catalogue's 2,039 KPIs, more are made up in their likeness.
    chosen = order[:kpis] + [
        order[n % len(order)] | {"id": f"X{n:05d}"} for n in range(len(order), kpis)
    ]
    if kpis > len(order):
        catalogue += chosen[len(order) :]
        (folder / "kpi.json").write_text(json.dumps({"values": catalogue, "count": kpis}))
    written = nulls = 0
    for item in chosen:
        kpi = item["id"]
        rng = random.Random(kpi)
        genders = ("T", "K", "M") if item["is_divided_by_gender"] else ("T",)
        kind = rng.choices((0, 1, 2, 3), weights=(30, 30, 35, 5))[0]
        # Most KPIs start later than 1994: the shipped files' KPIs have about three quarters
        # of the years.
        start = 1994 if rng.random() < 0.4 else rng.randrange(1995, 2017)
        records = []
        for area in by_type.get(item["municipality_type"], areas):
            for year in REAL_YEARS:
                if year < start:
                    continue
                parts = []
                for gender in genders:
                    if rng.random() < REAL_NULLS:
                        number = "null"
                        nulls += 1
                    else:
                        number = _number(rng, kind)
                    parts.append(
                        f'{{"gender": "{gender}", "count": 1, "status": "", '
                        f'"value": {number}, "isdeleted": false}}'
                    )
                written += len(parts)
                records.append(
                    f'{{"kpi": "{kpi}", "municipality": "{area}", "period": {year}, '
                    f'"values": [{", ".join(parts)}]}}'
                )
        with open(folder / "data" / f"{kpi}.json", "w", encoding="utf-8") as out:
            out.write('{"values": [')
            out.write(", ".join(records))
            out.write(f'], "count": {len(records)}, "next_url": null, "previous_url": null}}')
    return written, nulls


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
        figures[f"{label}_values"] = summary.values
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
    parser.add_argument("--shape", choices=["real", "uniform"], default="real")
    parser.add_argument("--kpis", type=int, default=2039, help="real shape: KPI files")
    parser.add_argument("--values", type=int, default=5_000_000, help="uniform shape: values")
    parser.add_argument("--database", choices=["sqlite", "postgresql", "both"], default="both")
    args = parser.parse_args()
    databases = ["sqlite", "postgresql"] if args.database == "both" else [args.database]
    if "postgresql" in databases and not _postgres("drop"):
        print(f"PostgreSQL: no server answers at {POSTGRES}; measuring SQLite only")
        databases.remove("postgresql")
    # Two sizes, the smaller a fifth of the bigger: peak memory should not follow.
    full = args.kpis if args.shape == "real" else args.values
    sizes = sorted({max(full // 5, 1 if args.shape == "real" else 1000), full})
    unit = "KPIs" if args.shape == "real" else "values"
    with tempfile.TemporaryDirectory(prefix="styr-bench-kolada-") as tmp:
        scratch = Path(tmp)
        folders = {}
        for size in sizes:
            start = time.perf_counter()
            folder = scratch / f"set-{size}"
            if args.shape == "real":
                written, nulls = generate_real(folder, size)
            else:
                written, nulls = generate(folder, size), 0
            mb = sum(p.stat().st_size for p in folder.rglob("*.json")) / 1e6
            files = len(list((folder / "data").iterdir()))
            print(
                f"generated {written:,} values ({nulls:,} null) in {files} data files "
                f"({mb:,.0f} MB) in {time.perf_counter() - start:.1f} s"
            )
            folders[size] = folder
        for database in databases:
            peaks = []
            for size in sizes:
                f = run_child(folders[size], database, scratch)
                print(
                    f"{database:<10} {size:>7,} {unit}: {f['first_values']:,.0f} values stored; "
                    f"first import {f['first_rate']:>9,.0f} "
                    f"values/s ({f['first_seconds']:.1f} s), re-import "
                    f"{f['again_rate']:>9,.0f} values/s ({f['again_seconds']:.1f} s), rows "
                    f"{f['first_rows']:,.0f} -> {f['again_rows']:,.0f} "
                    f"(re-import unchanged {f['again_unchanged']:,.0f}), "
                    f"peak RSS {f['peak_rss_mb']:.0f} MB "
                    f"(reader process {f['reader_rss_mb']:.0f} MB)"
                )
                peaks.append(
                    f"{f['peak_rss_mb']:.0f} MB (reader {f['reader_rss_mb']:.0f} MB) "
                    f"at {size:,} {unit}"
                )
            print(f"{database:<10} peak RSS: {', '.join(peaks)}")


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--measure":
        measure(Path(sys.argv[2]))
    else:
        main()
