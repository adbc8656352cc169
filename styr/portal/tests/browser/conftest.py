# The same server as the workspace's browser tests: the demo, served as `make run` does.
from styr.web.tests.browser.conftest import server

__all__ = ["server"]
