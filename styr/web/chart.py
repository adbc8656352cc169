"""An indicator's trend as an SVG line chart: outcomes against targets, by year.

The chart is drawn on the server (no JavaScript), labelled for screen readers, and always
shown with a data table holding the same numbers.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from styr.core.formatting import format_number
from styr.indicators.assessment import Value
from styr.indicators.models import IndicatorValue, ValueKind

WIDTH, HEIGHT = 640, 260
LEFT, RIGHT, TOP, BOTTOM = 56, 16, 16, 36


@dataclass(frozen=True)
class Point:
    x: float
    y: float
    label: str
    # What a screen reader and a hover say of the point ("Utfall 2023: 83,6"): worded here,
    # once a point, rather than by a template tag for each of a chart's thirty points.
    title: str = ""


# Comparison series are told apart by dash pattern and grey tone, not by colour alone.
COMPARISON_STYLES = [("2 3", "#5f5f5f"), ("8 3 2 3", "#333333"), ("1 2", "#767676")]


@dataclass(frozen=True)
class Series:
    """Another area's values of the same key figure, e.g. Riket's, drawn beside the own."""

    name: str
    points: list[Point]
    dash: str
    colour: str

    @property
    def path(self) -> str:
        return " ".join(f"{p.x:.1f},{p.y:.1f}" for p in self.points)


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    years: list[tuple[float, int]]  # x position, year
    ticks: list[tuple[float, str]]  # y position, label
    outcome: list[Point]
    target: list[Point]
    forecast: list[Point]
    comparisons: list[Series]

    @property
    def outcome_path(self) -> str:
        return " ".join(f"{p.x:.1f},{p.y:.1f}" for p in self.outcome)

    @property
    def target_path(self) -> str:
        return " ".join(f"{p.x:.1f},{p.y:.1f}" for p in self.target)


def trend_chart(
    values: "Sequence[IndicatorValue | Value]",
    decimals: int,
    comparisons: dict[str, dict[int, Decimal]] | None = None,
) -> Chart | None:
    """None when there is nothing to draw. `comparisons`: {area name: {year: value}}, drawn
    for the years the indicator itself shows."""
    if not values:
        return None
    years = sorted({v.year for v in values})
    shown = {
        name: {y: v for y, v in by_year.items() if years[0] <= y <= years[-1]}
        for name, by_year in (comparisons or {}).items()
    }
    numbers = [v.value for v in values] + [v for s in shown.values() for v in s.values()]
    low, high = min(numbers), max(numbers)
    if low == high:
        low, high = low - 1, high + 1
    low = min(low, Decimal(0)) if low >= 0 and low < high / 3 else low
    span = high - low
    plot_w = WIDTH - LEFT - RIGHT
    plot_h = HEIGHT - TOP - BOTTOM

    def x(year: int) -> float:
        if len(years) == 1:
            return LEFT + plot_w / 2
        return LEFT + plot_w * (year - years[0]) / (years[-1] - years[0])

    def y(value: Decimal) -> float:
        return TOP + plot_h * float((high - value) / span)

    # Outside the f-strings below: makemessages does not read calls inside one.
    titled: dict[str, str] = {
        ValueKind.OUTCOME: _("Utfall %(label)s"),
        ValueKind.TARGET: _("Mål %(label)s"),
        ValueKind.FORECAST: _("Prognos %(label)s"),
    }

    def points(kind: str) -> list[Point]:
        chosen = sorted((v for v in values if v.kind == kind), key=lambda v: v.year)
        labels = [f"{v.year}: {format_number(v.value, None)}" for v in chosen]
        return [
            Point(x(v.year), y(v.value), label, titled[kind] % {"label": label})
            for v, label in zip(chosen, labels, strict=True)
        ]

    ticks = [(y(low + span * i / 4), format_number(low + span * i / 4, decimals)) for i in range(5)]
    return Chart(
        width=WIDTH,
        height=HEIGHT,
        years=[(x(year), year) for year in years],
        ticks=ticks,
        outcome=points(ValueKind.OUTCOME),
        target=points(ValueKind.TARGET),
        forecast=points(ValueKind.FORECAST),
        comparisons=[
            Series(
                name,
                [
                    Point(x(year), y(value), f"{year}: {format_number(value, decimals)}")
                    for year, value in sorted(by_year.items())
                ],
                *COMPARISON_STYLES[i % len(COMPARISON_STYLES)],
            )
            for i, (name, by_year) in enumerate(shown.items())
            if by_year
        ],
    )
