"""The web process (gunicorn and `make run` both load styr.wsgi) freezes what start-up loaded
and collects the youngest generation less often; a command keeps Python's defaults."""

import json
import os
import subprocess
import sys

from styr.core.collector import FIRST_THRESHOLD

PROBE = "import gc, json{load}; print(json.dumps([gc.get_threshold()[0], gc.get_freeze_count()]))"


def _probe(load: str) -> tuple[int, int]:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "styr.settings"}
    answer = subprocess.run(
        [sys.executable, "-c", PROBE.format(load=load)],
        env=env, capture_output=True, text=True, check=True, timeout=120,
    )  # fmt: skip
    threshold, frozen = json.loads(answer.stdout.strip().splitlines()[-1])
    return threshold, frozen


def test_it_tunes_the_web_process() -> None:
    threshold, frozen = _probe(", styr.wsgi")
    assert threshold == FIRST_THRESHOLD
    # Django, Styr and every view are out of the collector's walks.
    assert frozen > 50_000


def test_it_leaves_other_processes_alone() -> None:
    threshold, frozen = _probe(", django; django.setup()")
    assert (threshold, frozen) == (700, 0)
