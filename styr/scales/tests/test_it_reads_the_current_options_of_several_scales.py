"""Scale.objects.current_options: the scales a page shows, each as `current` picks it (the
municipality's own copy before the shipped one), in two queries whatever their number."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from styr.organisation.models import Municipality
from styr.scales.actions import OptionInput, do_copy_scale, do_save_scale
from styr.scales.models import Scale, ScaleOption

pytestmark = pytest.mark.django_db
KEYS = ("assignment-status", "goal-fulfilment", "target-result", "fulfilment-grade")


def _labels(options: list[ScaleOption]) -> list[str]:
    return [o.label for o in options]


def test_it_agrees_with_current_for_each_scale() -> None:
    marks = Municipality.objects.get(key="marks")
    with CaptureQueriesContext(connection) as queries:
        found = Scale.objects.current_options(marks, *KEYS)
    assert len(queries) == 2
    for key in KEYS:
        assert _labels(found[key]) == _labels(list(Scale.objects.current(key, marks).options.all()))


def test_it_reads_the_municipalitys_own_copy_and_not_anothers() -> None:
    marks = Municipality.objects.get(key="marks")
    styrby = Municipality.objects.get(key="styrby")
    own = do_copy_scale("goal-fulfilment", marks, acting_user=None)
    rows = [OptionInput(key=o.key, label=f"{o.label} (Mark)") for o in own.options.all()]
    do_save_scale(own, rows, acting_user=None)
    assert _labels(Scale.objects.current_options(marks, "goal-fulfilment")["goal-fulfilment"]) == [
        "Uppfyllt (Mark)", "Delvis uppfyllt (Mark)", "Ej uppfyllt (Mark)"
    ]  # fmt: skip
    theirs = Scale.objects.current_options(styrby, "goal-fulfilment")["goal-fulfilment"]
    assert "(Mark)" not in " ".join(_labels(theirs))


def test_it_leaves_out_a_key_without_a_scale() -> None:
    found = Scale.objects.current_options(None, "goal-fulfilment", "no-such-scale")
    assert set(found) == {"goal-fulfilment"}
