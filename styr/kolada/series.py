"""Reading Kolada values as series for tables and charts."""

from collections.abc import Iterable, Sequence
from decimal import Decimal

from styr.kolada.models import Area, Gender, KoladaValue
from styr.organisation.models import Municipality

RIKET = "0000"


def series(
    kpi_id: str,
    area_ids: Sequence[str],
    *,
    gender: str = Gender.TOTAL,
    years: Iterable[int] | None = None,
) -> dict[str, dict[int, Decimal]]:
    """{area id: {year: value}} for one KPI, in one query; an area without values maps to {}.

    Years without a value are absent (Kolada's missing values are not zero).
    """
    result: dict[str, dict[int, Decimal]] = {area: {} for area in area_ids}
    rows = (
        KoladaValue.objects.for_kpi(kpi_id)
        .for_areas(area_ids)
        .for_gender(gender)
        .for_years(years)
        .order_by("area", "year")
        .values_list("area_id", "year", "value")
    )
    for area, year, value in rows:
        # The shortest decimal that is the double: the digits Kolada wrote.
        result[area][year] = Decimal(repr(float(value)))
    return result


def municipality_area(municipality: Municipality) -> Area | None:
    """The municipality's own Kolada area (by its kolada_id), if imported."""
    if not municipality.kolada_id:
        return None
    return Area.objects.filter(pk=municipality.kolada_id).first()


def comparison_areas(municipality: Municipality) -> list[Area]:
    """The usual comparison: the municipality itself, its region and Riket (those imported).

    A region's id is 00 and the county code, the first two digits of the municipality's.
    """
    own = municipality.kolada_id
    ids = [own, f"00{own[:2]}", RIKET] if own else [RIKET]
    found = Area.objects.in_bulk(ids)
    return [found[i] for i in ids if i in found]
