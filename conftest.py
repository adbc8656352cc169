"""Shared fixtures: the Marks demo loaded once per test session, and the three personas."""

from collections.abc import Iterator
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.core.cache import cache

from styr.demo.actions import do_load_demo
from styr.organisation.models import Body
from styr.plans.models import Plan
from styr.web.overview import forget_overviews

# One Playwright and one Chromium for every app's browser tests.
pytest_plugins = ["styr.testing.browser"]


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup: Any, django_db_blocker: Any) -> Iterator[None]:
    # Every test starts from the demo; each test's own changes are rolled back after it.
    with django_db_blocker.unblock():
        do_load_demo(acting_user=None)
    yield


@pytest.fixture(autouse=True)
def _empty_cache() -> Iterator[None]:
    # Tests change data directly, without the audit entries that move cache keys on, and a
    # rolled-back test's audit ids come again in the next (SQLite): nothing remembered survives.
    cache.clear()
    forget_overviews()
    yield
    cache.clear()
    forget_overviews()


def _user(username: str) -> User:
    user = get_user_model().objects.get(username=username)
    assert isinstance(user, User)
    return user


@pytest.fixture
def editor(db: None) -> User:
    """Edits the Kommunstyrelsen plan."""
    return _user("ks.redaktor")


@pytest.fixture
def reader(db: None) -> User:
    """Reads the Kommunstyrelsen plan (a politician)."""
    return _user("politiker")


@pytest.fixture
def reporter(db: None) -> User:
    """Reports the follow-up of the Kommunstyrelsen items assigned to them (a rapportör)."""
    return _user("ks.rapportor")


@pytest.fixture
def outsider(db: None) -> User:
    """Edits another body's plan and has no role on Kommunstyrelsen."""
    return _user("kfn.redaktor")


@pytest.fixture
def ks(db: None) -> Body:
    return Body.objects.get(municipality__key="marks", code="KS")


@pytest.fixture
def ks_plan(ks: Body) -> Plan:
    return Plan.objects.get(body=ks, year=2024)


@pytest.fixture
def adopted_plan(ks_plan: Plan) -> Plan:
    """The Kommunstyrelsen plan adopted, its delårsrapport's budget columns prepared."""
    from datetime import date

    from styr.finance.actions import do_add_follow_up_columns
    from styr.plans.actions import do_change_plan_state

    plan = do_change_plan_state(
        ks_plan, "adopt", acting_user=None, adopted_on=date(2023, 11, 30), adopted_minute="§ 201"
    )
    do_add_follow_up_columns(plan, plan.occasions.get(key="delar"), acting_user=None)
    return plan
