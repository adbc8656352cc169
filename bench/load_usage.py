"""Where bench/load.py's time goes: CPU of the server's processes, of the database's
connections and of the whole machine, read from /proc, and the connections' states from
pg_stat_activity."""

import os
import threading
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import psycopg

TICK = os.sysconf("SC_CLK_TCK")
CORES = os.cpu_count() or 1
SAMPLE_SECONDS = 0.5
OURS = "postgres, the bench's connections"


def _processes() -> dict[int, tuple[int, str, int]]:
    """Every process: pid -> (parent pid, name, CPU ticks used)."""
    found = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            text = Path(entry.path, "stat").read_text()
        except OSError:
            continue
        name = text[text.index("(") + 1 : text.rindex(")")]
        rest = text[text.rindex(")") + 2 :].split()
        found[int(entry.name)] = (int(rest[1]), name, int(rest[11]) + int(rest[12]))
    return found


def _machine() -> tuple[int, int]:
    """(busy, all) CPU ticks of the whole machine since it started."""
    fields = [int(n) for n in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:9]]
    idle = fields[3] + fields[4]
    return sum(fields) - idle, sum(fields)


def _descendants(root: int, processes: dict[int, tuple[int, str, int]]) -> set[int]:
    family, grew = {root}, True
    while grew:
        more = {pid for pid, (parent, _, _) in processes.items() if parent in family} - family
        family |= more
        grew = bool(more)
    return family & processes.keys()


@dataclass
class Usage:
    """CPU seconds by group and what the database's connections were doing, summed over the
    samples taken while every user was running."""

    seconds: float = 0.0
    cpu: defaultdict[str, float] = field(default_factory=lambda: defaultdict(float))
    states: Counter[str] = field(default_factory=Counter)
    samples: int = 0


class Sampler(threading.Thread):
    """Samples twice a second, while `running` exists: the CPU of gunicorn's and locust's
    processes (with their children), of the database's connections to `database` and of the
    whole machine, and what those connections are doing."""

    def __init__(
        self, admin_url: str, database: str, gunicorn: int, locust: int, running: Path
    ) -> None:
        super().__init__(daemon=True)
        self.admin_url, self.database = admin_url, database
        self.gunicorn, self.locust, self.running = gunicorn, locust, running
        self.usage = Usage()
        self.done = threading.Event()

    def run(self) -> None:
        with psycopg.connect(self.admin_url, autocommit=True) as conn:
            before, machine_before, at = _processes(), _machine(), time.monotonic()
            while not self.done.wait(SAMPLE_SECONDS):
                rows = conn.execute(
                    "SELECT pid, state, wait_event_type FROM pg_stat_activity "
                    "WHERE datname = %s AND backend_type = 'client backend'", [self.database]
                ).fetchall()  # fmt: skip
                now, machine_now, now_at = _processes(), _machine(), time.monotonic()
                if self.running.exists():
                    self._add(before, now, machine_now[0] - machine_before[0], now_at - at, rows)
                before, machine_before, at = now, machine_now, now_at

    def _add(
        self,
        before: dict[int, tuple[int, str, int]],
        now: dict[int, tuple[int, str, int]],
        machine_ticks: int,
        seconds: float,
        rows: list[tuple[int, str | None, str | None]],
    ) -> None:
        def used(pids: set[int]) -> float:
            ticks = sum(now[p][2] - (before[p][2] if p in before else 0) for p in pids if p in now)
            return ticks / TICK

        usage = self.usage
        usage.seconds += seconds
        usage.samples += 1
        usage.cpu["gunicorn"] += used(_descendants(self.gunicorn, now))
        usage.cpu["locust"] += used(_descendants(self.locust, now))
        usage.cpu[OURS] += used({int(r[0]) for r in rows})
        usage.cpu["postgres, all"] += used({p for p, v in now.items() if v[1] == "postgres"})
        usage.cpu["the whole machine"] += machine_ticks / TICK
        for _pid, state, wait in rows:
            if state == "active":
                usage.states["waiting for a lock" if wait == "Lock" else "running a statement"] += 1
            elif state == "idle in transaction":
                usage.states["idle in a transaction"] += 1
            else:
                usage.states["idle"] += 1
