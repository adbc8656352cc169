"""Timings, sizes and memory of `styr backup` and `styr restore`. Prints figures; asserts nothing.

Run: .venv/bin/python bench/backup.py
(scratch SQLite databases under var/bench/)

The database holds the demo (Marks and Styrby, with the shipped Kolada data) and a synthetic
municipality forty bodies large (`styr generate --bodies 40 --goals 10 --indicators 4
--years 10`). Each command runs in a fresh process whose wall time and peak resident memory
are reported; the restored copy is backed up again and compared with the first archive.
"""

import os
import subprocess
import sys
import time
import zipfile
from pathlib import Path

FOLDER = Path("var/bench")
SOURCE = FOLDER / "backup-source.sqlite3"
TARGET = FOLDER / "backup-target.sqlite3"


def styr(args: list[str], database: Path) -> tuple[float, int]:
    """(seconds, peak resident MiB) of `styr ARGS` in a fresh process."""
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{database}"}
    start = time.perf_counter()
    done = subprocess.run(
        ["/usr/bin/time", "-f", "%M", sys.executable, "-m", "styr", *args],
        env=env, capture_output=True, text=True, check=True,
    )  # fmt: skip
    seconds = time.perf_counter() - start
    peak_kib = int(done.stderr.strip().splitlines()[-1])
    return seconds, peak_kib // 1024


def data(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {n: archive.read(n) for n in archive.namelist() if n != "manifest.json"}


def main() -> None:
    FOLDER.mkdir(parents=True, exist_ok=True)
    for path in (SOURCE, TARGET):
        path.unlink(missing_ok=True)
    styr(["migrate", "--noinput", "-v0"], SOURCE)
    styr(["demo"], SOURCE)
    styr(["generate", "--bodies", "40", "--goals", "10", "--indicators", "4", "--years", "10"],
         SOURCE)  # fmt: skip
    first, again = FOLDER / "backup-1.zip", FOLDER / "backup-2.zip"
    seconds, peak = styr(["backup", "-o", str(first)], SOURCE)
    rows = sum(len(v.splitlines()) for v in data(first).values())
    size = first.stat().st_size / 1024 / 1024
    print(f"backup   {rows:>9} rows  {size:6.1f} MiB  {seconds:6.2f} s  peak {peak} MiB")
    styr(["migrate", "--noinput", "-v0"], TARGET)
    seconds, peak = styr(["restore", str(first)], TARGET)
    print(f"restore  {rows:>9} rows               {seconds:6.2f} s  peak {peak} MiB")
    styr(["backup", "-o", str(again)], TARGET)
    print(f"backup → restore → backup identical: {data(first) == data(again)}")


if __name__ == "__main__":
    main()
