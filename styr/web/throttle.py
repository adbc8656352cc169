"""Login throttling: after repeated failures for a username from an address, wait a while.

Counts live in Django's cache; with several server processes, configure a shared cache.
"""

from django.core.cache import cache

MAX_FAILURES = 5
WINDOW_SECONDS = 15 * 60


def _key(username: str, address: str) -> str:
    return f"login-failures:{username.casefold()}:{address}"


def is_blocked(username: str, address: str) -> bool:
    return int(cache.get(_key(username, address), 0)) >= MAX_FAILURES


def record_failure(username: str, address: str) -> None:
    key = _key(username, address)
    if cache.add(key, 1, WINDOW_SECONDS):
        return
    try:
        cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, WINDOW_SECONDS)


def clear(username: str, address: str) -> None:
    cache.delete(_key(username, address))
