"""Python's garbage collector tuned for a process that serves requests."""

import gc

# Collect the youngest generation after this many new container objects (Python's default is
# 700). A large plan's page builds tens of thousands of short-lived objects (model instances,
# rows, template nodes); at 700 the collector ran a dozen times a request, and every run that
# reached the oldest generation walked every object in the process: a sixth of the plan
# page's time on the large synthetic municipality (bench/load.py).
FIRST_THRESHOLD = 20_000


def tune_for_requests() -> None:
    """Freeze what start-up loaded (Django, Styr's modules, every view through the URLconf:
    they live as long as the process) out of the collector's walks, and collect the youngest
    generation less often. For the web process only; commands and workers keep the defaults."""
    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018  # imports every view now, so they are frozen too
    gc.collect()
    gc.freeze()
    _first, second, third = gc.get_threshold()
    gc.set_threshold(FIRST_THRESHOLD, second, third)
