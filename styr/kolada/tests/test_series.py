"""Series for charts: one KPI, several areas, by year; and the usual comparison areas."""

from decimal import Decimal

import pytest

from styr.kolada.actions import load_shipped_kolada
from styr.kolada.series import comparison_areas, municipality_area, series
from styr.organisation.models import Municipality

pytestmark = pytest.mark.django_db


def test_it_reads_a_series_for_several_areas() -> None:
    load_shipped_kolada(acting_user=None)
    marks = Municipality.objects.get(key="marks")
    areas = [a.pk for a in comparison_areas(marks)]
    assert areas == ["1463", "0014", "0000"]
    assert municipality_area(marks) is not None
    result = series("N01951", areas, years=range(2020, 2023))
    assert result["1463"] == {
        2020: Decimal("34896"),
        2021: Decimal("35201"),
        2022: Decimal("35329"),
    }
    assert set(result) == {"1463", "0014", "0000"} and len(result["0000"]) == 3
    women = series("N01951", ["1463"], gender="K", years=[2021])
    assert 0 < women["1463"][2021] < Decimal("35201")
