"""What an indicator's page shows of Kolada: the source, comparison series and differences."""

from dataclasses import dataclass, field
from decimal import Decimal

from styr.core.formatting import format_number
from styr.indicators.kolada import Conflict, comparison_area_ids, conflicts_of, own_area
from styr.indicators.models import Indicator, IndicatorValue, ValueKind, ValueSource
from styr.kolada.models import Area, Kpi
from styr.kolada.series import series
from styr.organisation.models import Municipality


@dataclass
class KoladaPanel:
    kpi: Kpi | None
    kpi_id: str
    area: Area | None
    # Comparison areas' values by area name, for the chart, and as table rows for the
    # screen reader and the careful reader.
    # Only the series of a comparable size are drawn (see _comparable).
    comparisons: dict[str, dict[int, Decimal]]
    headers: list[str]
    rows: list[tuple[int, list[str]]]
    conflicts: list[Conflict] = field(default_factory=list)
    kolada_years: set[int] = field(default_factory=set)

    @property
    def has_data(self) -> bool:
        return bool(self.rows)


def _comparable(other: dict[int, Decimal], own: list[Decimal]) -> bool:
    """Whether a comparison series belongs in the same chart: a share or an index, not a
    count of another size (Riket's ten million inhabitants beside a town's 35 000)."""
    if not own:
        return True
    low, high = min(abs(v) for v in own), max(abs(v) for v in own)
    return all(low / 5 <= abs(v) <= high * 5 for v in other.values())


def kolada_panel(
    indicator: Indicator, municipality: Municipality, values: list[IndicatorValue]
) -> KoladaPanel | None:
    """None for an indicator not linked to Kolada."""
    if not indicator.kolada_kpi:
        return None
    own = own_area(indicator, municipality)
    others = [a for a in comparison_area_ids(indicator, municipality) if a != own]
    areas = Area.objects.in_bulk([own, *others])
    found = series(indicator.kolada_kpi, [own, *others])
    years = sorted({y for by_year in found.values() for y in by_year})
    # The table shows the years the indicator's own values cover, or Kolada's last six.
    shown_years = sorted({v.year for v in values}) or years[-6:]
    if shown_years:
        years = [y for y in years if shown_years[0] <= y <= shown_years[-1]]
    names = {a: areas[a].title if a in areas else a for a in [own, *others]}
    rows = [
        (
            year,
            [
                format_number(found[a][year], indicator.decimals) if year in found[a] else "–"
                for a in [own, *others]
            ],
        )
        for year in years
        if any(year in found[a] for a in [own, *others])
    ]
    own_values = [v for v in found[own].values() if v] + [v.value for v in values if v.value]
    return KoladaPanel(
        kpi=Kpi.objects.filter(pk=indicator.kolada_kpi).first(),
        kpi_id=indicator.kolada_kpi,
        area=areas.get(own),
        comparisons={
            names[a]: found[a] for a in others if found[a] and _comparable(found[a], own_values)
        },
        headers=[names[a] for a in [own, *others]],
        rows=rows,
        conflicts=conflicts_of(indicator, municipality),
        kolada_years={
            v.year for v in values if v.kind == ValueKind.OUTCOME and v.source == ValueSource.KOLADA
        },
    )
