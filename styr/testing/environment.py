"""The environment the tests run in, set before Django reads its settings (a pytest plugin,
loaded with `-p` so it comes before pytest-django sets Django up).

The tests talk to Styr over plain HTTP (Django's test client, the browser tests' server on
127.0.0.1), as `make run` does: no redirect to HTTPS and no Secure-only cookies; they sign
with a key of their own. A test of the
production settings runs `styr` in a process of its own with the production environment.
"""

import os
import secrets

os.environ.setdefault("PLAIN_HTTP", "true")
# Background jobs run before the request goes on, in the test's own transaction; the tests of
# the worker and of the web process's own runner choose theirs.
os.environ.setdefault("TASK_RUNNER", "immediate")
# A key of the run's own, for every process the tests start (some run in other folders).
os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(50))
