"""A Kolada import killed midway (the operator's kill -9, a deploy) leaves no process behind:
the child reading the files ahead notices that its parent has gone and exits, even while it is
waiting to hand over a chunk."""

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from styr.kolada.tests.helpers import AREAS, answer, record, value, write

AREA_IDS = [a["id"] for a in AREAS]

# The importing side as a script: it starts the child, takes one chunk, says who its child is,
# and then stops reading (as if busy writing), so the child fills its queue and waits.
PARENT = """
import json, os, sys, time
from pathlib import Path
from styr.kolada.pipeline import read_chunks_in_child
from styr.kolada.reader import Problems
path = Path(sys.argv[1])
areas = set(json.loads(sys.argv[2]))
chunks = read_chunks_in_child([(0, path)], {0: path.name}, ({"N01951"}, areas),
                              Problems(limit=10), 1, "rows")
next(chunks)
children = [p for p in os.listdir("/proc") if p.isdigit()
            and open(f"/proc/{p}/stat").read().rsplit(")", 1)[1].split()[1] == str(os.getpid())]
print(",".join(children), flush=True)
time.sleep(3600)
"""


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return False
    return state != "Z"


def test_the_reading_child_exits_when_the_import_is_killed(tmp_path: Path) -> None:
    # Far more than the queue and the pipe hold, one value a chunk: the child must wait.
    records = [
        record(area=AREA_IDS[i % 3], period=1900 + i // 3,
               values=[value("T", float(i)), value("K", i), value("M", i + 1)])
        for i in range(900)
    ]  # fmt: skip
    path = write(tmp_path, "data/values.json", answer(records))
    parent = subprocess.Popen(
        [sys.executable, "-c", PARENT, str(path), json.dumps(AREA_IDS)],
        stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    assert parent.stdout is not None
    children = [int(pid) for pid in parent.stdout.readline().strip().split(",") if pid]
    assert len(children) == 1 and _alive(children[0])

    os.kill(parent.pid, signal.SIGKILL)
    parent.wait()

    # A condition, not a fixed sleep: the child is given up to a minute to notice.
    deadline = time.monotonic() + 60
    while _alive(children[0]) and time.monotonic() < deadline:
        time.sleep(0.05)
    alive = _alive(children[0])
    if alive:
        os.kill(children[0], signal.SIGKILL)
    assert not alive, "the reading child outlived the killed import"
