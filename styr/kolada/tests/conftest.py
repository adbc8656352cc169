"""The Kolada tests start from no Kolada data: the demo the session loads brings its own."""

from collections.abc import Iterator

import pytest

from styr.kolada.models import Area, KoladaValue, Kpi


@pytest.fixture(autouse=True)
def _no_kolada_data(db: None) -> Iterator[None]:
    # Deleted inside the test's transaction, so the demo's data is back for the next test.
    KoladaValue.objects.all().delete()
    Kpi.objects.all().delete()
    Area.objects.all().delete()
    yield
